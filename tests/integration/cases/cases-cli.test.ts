import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAlert } from '../../../shared/cases/handle-alert';
import { caseIdFor } from '../../../shared/cases/case-lifecycle';
import { caseContext } from '../../../shared/platform/dynamo-case-wiring';
import { alert, FakeClock, schoolInput } from '../../unit/cases/fixtures';
import { startCaseStack, type CaseStack } from './harness';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);
let stack: CaseStack;

/** `npm run cases -- …` is `tsx scripts/cases.ts …`, against the emulators through the environment. */
const cases = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/cases.ts', ...args], { cwd: repo, env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

const overdueId = caseIdFor('ashgrove-primary', 'cli-old');
const laterId = caseIdFor('ashgrove-primary', 'cli-new');

beforeAll(async () => {
  stack = await startCaseStack();
  await stack.putSchool(schoolInput());
  await stack.putSchool(schoolInput({ id: 'other-school', name: 'Other School' }));
  const deps = await caseContext();
  const far = new Date(Date.now() + 400 * 86_400_000);
  // One case long overdue, one due in about a year (opened with clocks in the past and the future).
  await handleAlert({ ...deps, clock: new FakeClock(new Date('2026-01-05T09:00:00Z')) }, alert({ id: 'cli-new', fetchedAt: far.toISOString(), text: 'Later \u001b[31mred\u001b[0m' }, ['complaint'], 'medium'));
  await handleAlert({ ...deps, clock: new FakeClock(new Date('2026-01-05T09:00:00Z')) }, alert({ id: 'cli-old', fetchedAt: '2026-01-05T09:00:00Z', author: 'Old Author' }, ['threat'], 'critical'));
}, 60_000);

afterAll(async () => stack?.stop());

describe('npm run cases', () => {
  it('lists open cases overdue first, with control characters from mentions neutralised', async () => {
    const { code, stdout } = await cases('list', '--school', 'ashgrove-primary');
    expect(code).toBe(0);
    expect(stdout).toContain('2 open case(s) for Ashgrove Primary School, overdue first:');
    expect(stdout.indexOf(`OVERDUE ${overdueId}`)).toBeGreaterThan(-1);
    expect(stdout.indexOf(overdueId)).toBeLessThan(stdout.indexOf(laterId));
    expect(stdout).not.toContain('\u001b');
  });

  it('acknowledges, handles with a ladder step and shows the history', async () => {
    expect(await cases('ack', overdueId, '--school', 'ashgrove-primary', '--by', 'Mrs Head')).toMatchObject({
      code: 0,
      stdout: `Case ${overdueId} is now acknowledged.\nFirst response: deadline breached.\n`,
    });
    const handled = await cases('handle', overdueId, '--school', 'ashgrove-primary', '--by', 'Mrs Head', '--action', 'police', '--note', 'Crime ref 123');
    expect(handled.stdout).toBe(`Case ${overdueId} is now handled.\n`);
    const shown = await cases('show', overdueId, '--school', 'ashgrove-primary');
    expect(shown.stdout).toContain('Action taken: Contact the police');
    expect(shown.stdout).toMatch(/system {2}opened\n.*Mrs Head {2}acknowledged\n.*Mrs Head {2}handled: police: Crime ref 123\n/);
  });

  it('marks a false positive and exports it, with its text and rule ids, for keyword tuning', async () => {
    expect((await cases('false-positive', laterId, '--school', 'ashgrove-primary', '--by', 'moderator')).code).toBe(0);
    const { stdout } = await cases('false-positives', '--school', 'ashgrove-primary');
    const rows = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ caseId: laterId, categories: ['complaint'], rules: [{ category: 'complaint', ruleId: 'complaint-1', match: 'waiting outside' }], keywordVersion: 'k-1' });
    expect(rows[0]!.text).toContain('Later');
    expect((await cases('list', '--school', 'ashgrove-primary')).stdout).toContain('0 open case(s)');
  });

  it("refuses another school's case, a closed case, a missing --by and an unknown step", async () => {
    const other = await cases('show', overdueId, '--school', 'other-school');
    expect(other).toMatchObject({ code: 1 });
    expect(other.stderr).toContain(`NotFoundError: No case ${overdueId} for school other-school`);
    expect((await cases('ack', overdueId, '--school', 'ashgrove-primary', '--by', 'x')).stderr).toContain('is already handled');
    expect((await cases('ack', overdueId, '--school', 'ashgrove-primary')).code).toBe(2);
    expect((await cases('handle', laterId, '--school', 'ashgrove-primary', '--by', 'x', '--action', 'shout')).stderr).toContain('--action must be a ladder step');
  });
});
