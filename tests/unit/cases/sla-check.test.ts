import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../../shared/cases/act-on-case';
import { handleAlert } from '../../../shared/cases/handle-alert';
import { runSlaCheck } from '../../../shared/cases/sla-check';
import { recipientTag } from '../../../shared/cases/routing';
import { alert, fakeDeps, school } from './fixtures';

// Received Wednesday 18 March 2026 09:05 UTC (fetched): due Thursday 09:05; reminder at 75% = Thursday 03:05.
const setup = async (severity: 'critical' | 'medium' = 'critical') => {
  const deps = fakeDeps('2026-03-18T09:06:00Z');
  const outcome = await handleAlert(deps, severity === 'critical' ? alert() : alert({}, ['complaint'], 'medium'));
  deps.mailer.sent = [];
  return { deps, caseId: (outcome as { caseId: string }).caseId };
};

describe('runSlaCheck', () => {
  it('sends nothing before the reminder time', async () => {
    const { deps } = await setup();
    deps.clock.set('2026-03-19T03:04:00Z');
    expect(await runSlaCheck(deps)).toMatchObject({ reminders: 0, escalations: 0, openCases: 1 });
    expect(deps.mailer.sent).toHaveLength(0);
  });

  it('sends one reminder to each alert recipient once 75% of the window has passed, however often it runs', async () => {
    const { deps, caseId } = await setup();
    deps.clock.set('2026-03-19T03:06:00Z');
    expect((await runSlaCheck(deps)).reminders).toBe(1);
    expect((await runSlaCheck(deps)).reminders).toBe(0);
    deps.clock.set('2026-03-19T08:00:00Z');
    expect((await runSlaCheck(deps)).reminders).toBe(0);
    expect(deps.mailer.sent.map((e) => e.to[0])).toEqual(['dsl@ashgrove.example', 'head@ashgrove.example']);
    expect(deps.mailer.sent[0]!.subject).toMatch(/^Reminder: response due Thursday 19 March 2026, 09:05 GMT/);
    expect(deps.mailer.sent[0]!.key).toBe(`reminder:${caseId}:${recipientTag('dsl@ashgrove.example')}`);
  });

  it('escalates to the escalation contact at the deadline and again every 240 minutes, once per round', async () => {
    const { deps, caseId } = await setup('medium');
    deps.clock.set('2026-03-19T09:05:00Z');
    expect(await runSlaCheck(deps)).toMatchObject({ escalations: 1, breaches: 1 });
    await runSlaCheck(deps);
    deps.clock.set('2026-03-19T13:04:00Z');
    await runSlaCheck(deps);
    deps.clock.set('2026-03-19T13:05:00Z');
    // A repeat escalation is not a new breach: the SlaBreaches metric counts each case once.
    expect(await runSlaCheck(deps)).toMatchObject({ escalations: 1, breaches: 0 });
    await runSlaCheck(deps);
    const tag = recipientTag('governors@ashgrove.example');
    expect(deps.mailer.sent.map((e) => e.key)).toEqual([`escalation:${caseId}:0:${tag}`, `escalation:${caseId}:1:${tag}`]);
    expect(deps.mailer.sent.every((e) => e.to.length === 1 && e.to[0] === 'governors@ashgrove.example')).toBe(true);
    expect(deps.mailer.sent[1]!.text).toContain('Escalation (repeat 1)');
  });

  it('stops reminding once the case has had its first response', async () => {
    const { deps, caseId } = await setup();
    await actOnCase(deps.cases, caseId, { action: 'acknowledge', actor: 'head' }, new Date('2026-03-18T10:00:00Z'));
    deps.clock.set('2026-03-20T10:00:00Z');
    expect(await runSlaCheck(deps)).toMatchObject({ openCases: 1, reminders: 0, escalations: 0 });
    expect(deps.mailer.sent).toHaveLength(0);
  });

  it('reports a failing school and carries on with the others', async () => {
    const { deps } = await setup();
    const broken = school({ id: 'broken-school' });
    deps.schools.listSchools = async () => [broken, school()];
    deps.cases.listOpen = async (id: string) => {
      if (id === 'broken-school') throw new Error('throttled');
      return [...deps.cases.items.values()];
    };
    deps.clock.set('2026-03-19T03:06:00Z');
    const report = await runSlaCheck(deps);
    expect(report.failures.map((f) => f.schoolId)).toEqual(['broken-school']);
    expect(report.reminders).toBe(1);
  });
});
