/** Small argument helpers for the classification CLIs (flags of the form --name value). */
export const flag = (args: readonly string[], name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1];
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
};

export const has = (args: readonly string[], name: string): boolean => args.includes(`--${name}`);

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
