import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'classify-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `scripts/classify.ts` as a child process (as `npm run --silent classify` does) and feeds it stdin. */
const runCli = (args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/classify.ts'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });

describe('npm run classify (the CLI contract)', () => {
  // No id and no other fields: the school file is parsed leniently.
  const school = path.join(dir, 'school.json');
  writeFileSync(school, JSON.stringify({ name: 'Northbrook Academy', aliases: ['Northbrook'], staff: [{ name: 'Gareth Lloyd', title: 'Mr', role: 'Assistant Head' }] }));

  it('writes exactly one JSON line per input line, in order, with exactly the agreed fields', async () => {
    const input = [
      { id: 'm1', text: 'watch ur back gareth lloyd. we no where u park' },
      { id: 'm2', text: 'Year 11 absolutely killed it at the 10k!!' },
      { id: 'm3', text: 'Mr Lloyd is a useless clown' },
    ];
    const { code, stdout, stderr } = await runCli(['--school', school], input.map((i) => JSON.stringify(i)).join('\n'));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['m1', 'm2', 'm3']);
    for (const line of lines) expect(Object.keys(line)).toEqual(['id', 'flagged', 'categories', 'severity', 'reasons']);
    expect(lines[0]).toMatchObject({ flagged: true, severity: 'critical' });
    expect(lines[0]!.categories).toContain('threat');
    expect(lines[1]).toEqual({ id: 'm2', flagged: false, categories: [], severity: null, reasons: [] });
    expect(lines[2]!.categories).toContain('abuse');
  }, 60_000);

  it('reports a bad line on stderr naming its line number, and carries on with the rest', async () => {
    const stdin = ['{"id":"ok1","text":"hello"}', 'not json at all', '{"id":"no-text"}', '', '{"id":"ok2","text":"Mr Lloyd is a useless clown"}'].join('\n');
    const { code, stdout, stderr } = await runCli(['--school', school], stdin);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['ok1', 'ok2']);
    expect(stderr).toMatch(/line 2: skipped: not valid JSON/);
    expect(stderr).toMatch(/line 3: skipped: .*text/);
  }, 60_000);

  it('refuses an unreadable school file with a clear message and no output', async () => {
    const bad = path.join(dir, 'bad-school.json');
    writeFileSync(bad, JSON.stringify({ aliases: [] }));
    const { code, stdout, stderr } = await runCli(['--school', bad], '{"id":"x","text":"hi"}');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/School file .*bad-school\.json is not valid/);
  }, 60_000);
});
