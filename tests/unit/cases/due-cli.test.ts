import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);

/** `npm run --silent due -- …` is `tsx scripts/due.ts …`: run the same thing without npm's own output. */
const due = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/due.ts', ...args], { cwd: repo });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('npm run due', () => {
  it('prints the due time of a Saturday-evening receipt as a UTC instant: Monday 17:00 BST', async () => {
    expect(await due('--received', '2026-03-28T19:30:00Z')).toMatchObject({ code: 0, stdout: '2026-03-30T16:00:00.000Z\n', stderr: '' });
  });

  it('accepts an offset and explains the rule on stderr with --explain', async () => {
    const result = await due('--received', '2026-03-20T10:00:00+00:00', '--explain');
    expect(result.stdout).toBe('2026-03-21T10:00:00.000Z\n');
    expect(result.stderr).toBe('received on a working day: due 24 hours after receipt; due Saturday 21 March 2026, 10:00 GMT\n');
  });

  it("uses a school's own settings from --school", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'due-'));
    const file = path.join(dir, 'school.json');
    writeFileSync(file, JSON.stringify({ id: 'x', name: 'X', sla: { endOfWorkingDay: '16:00', closureDays: ['2026-03-30'] } }));
    expect((await due('--received', '2026-03-28T19:30:00Z', '--school', file)).stdout).toBe('2026-03-31T15:00:00.000Z\n');
  });

  it('refuses a receipt time without a zone, and a bad school file, with exit code 2', async () => {
    const local = await due('--received', '2026-03-28T19:30:00');
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('--received must be an ISO-8601 instant with Z or an offset');
    const dir = mkdtempSync(path.join(tmpdir(), 'due-'));
    const file = path.join(dir, 'school.json');
    writeFileSync(file, JSON.stringify({ sla: { endOfWorkingDay: '25:00' } }));
    const bad = await due('--received', '2026-03-28T19:30:00Z', '--school', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('sla.endOfWorkingDay');
  });

  it('warns on stderr outside the years of the bank-holiday data', async () => {
    const result = await due('--received', '2031-01-04T10:00:00Z');
    expect(result.stdout).toBe('2031-01-06T17:00:00.000Z\n');
    expect(result.stderr).toContain('outside the years of the shipped bank-holiday data');
  });
});
