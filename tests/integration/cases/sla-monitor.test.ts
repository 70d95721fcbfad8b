import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actOnCase } from '../../../shared/cases/act-on-case';
import { handleAlert } from '../../../shared/cases/handle-alert';
import { runSlaCheck } from '../../../shared/cases/sla-check';
import { caseContext } from '../../../shared/platform/dynamo-case-wiring';
import { alert, FakeClock, schoolInput } from '../../unit/cases/fixtures';
import { startCaseStack, type CaseStack } from './harness';

let stack: CaseStack;
let notify: (event: SQSEvent) => Promise<SQSBatchResponse>;
let slaMonitor: () => Promise<{ reminders: number; escalations: number }>;

beforeAll(async () => {
  stack = await startCaseStack();
  // A repeat interval of ~69 days keeps the real-clock handler runs below in escalation round 0.
  await stack.putSchool(schoolInput({ sla: { escalationRepeatMinutes: 100_000 } }));
  await stack.putSchool(schoolInput({ id: 'reminder-school', name: 'Reminder School' }));
  ({ handler: notify } = await import('../../../functions/notify-alerts'));
  ({ handler: slaMonitor } = await import('../../../functions/sla-monitor'));
});

afterAll(async () => stack?.stop());
beforeEach(async () => stack.clearMailbox());

describe('SLA monitor against the emulators', () => {
  it('a reminder run twice, and twice at once, sends one reminder to each recipient', async () => {
    // Received Wednesday 18 March 2026 09:05 UTC: due Thursday 09:05, reminder from Thursday 03:05.
    const deps = { ...(await caseContext()), clock: new FakeClock(new Date('2026-03-18T09:06:00Z')) };
    const opened = await handleAlert(deps, alert({ id: 'remind-1', schoolId: 'reminder-school' }, ['complaint'], 'medium'));
    deps.clock.set('2026-03-19T03:10:00Z');
    const runs = [await runSlaCheck(deps), await runSlaCheck(deps), ...(await Promise.all([runSlaCheck(deps), runSlaCheck(deps)]))];
    expect(runs.map((r) => r.reminders)).toEqual([1, 0, 0, 0]);
    expect(runs.every((r) => r.failures.length === 0)).toBe(true);
    const mailbox = await stack.mailbox();
    expect(mailbox).toHaveLength(1);
    expect(mailbox[0]!.destination.to).toEqual(['business@ashgrove.example']);
    expect(mailbox[0]!.subject).toBe('Reminder: response due Thursday 19 March 2026, 09:05 GMT: Public complaint (Reminder School)');
    // Answered: no reminder or escalation for it from here on (the next test runs on the real clock).
    const caseId = (opened as { caseId: string }).caseId;
    await actOnCase(deps.cases, caseId, { action: 'handle', step: 'reply_posted', actor: 'test' }, deps.clock.now());
    deps.clock.set('2026-03-25T00:00:00Z');
    expect(await runSlaCheck(deps)).toMatchObject({ reminders: 0, escalations: 0 });
  });

  it('the scheduled handler run twice escalates an overdue case once, to the escalation contact', async () => {
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const event = await stack.alertEvent(alert({ id: 'overdue-1', isOfficialAccountComment: true, publishedAt: tenDaysAgo, fetchedAt: tenDaysAgo }, [], null));
    expect((await notify(event)).batchItemFailures).toEqual([]);
    const first = await slaMonitor();
    const second = await slaMonitor();
    expect(first.escalations).toBe(1);
    expect(second.escalations).toBe(0);
    const escalations = (await stack.mailbox()).filter((m) => m.subject.startsWith('OVERDUE'));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.destination.to).toEqual(['governors@ashgrove.example']);
    expect(escalations[0]!.body.text).toContain('Escalation: the response deadline has passed with no response');
  });
});
