/** Plain-text tables for the CLIs (eval, bench, keywords). */
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
export const num = (x: number, digits = 2): string => x.toFixed(digits);

export const table = (header: readonly string[], rows: readonly (readonly (string | number)[])[]): string => {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
};
