/**
 * The SLA monitor's pass over every school's open cases. For a case still `new`:
 *   - once `reminderAtShare` of the window has passed (and before the deadline): one reminder to the
 *     people the alert went to;
 *   - at the deadline: an escalation to the school's escalation contact, repeated every
 *     `escalationRepeatMinutes` while the case stays unanswered (round 0, 1, 2 …).
 * Each recipient's email is an effect-ledger key (`reminder:<caseId>:<tag>`, `escalation:<caseId>:<round>:<tag>`),
 * so a second run, or two runs at once, send nothing twice. A run that was down for a while sends the current round
 * only, not every missed one. Cases that have left `new` have had their first response: the SLA
 * clock has stopped and they get no more reminders.
 */
import { emailEach } from './deliver';
import type { School } from '../domain/model';
import type { StoredCase } from './case-lifecycle';
import { escalationRound, reminderTime } from './deadline';
import { renderCaseEmail } from './email/case-emails';
import type { CaseDeps } from './ports';
import type { RunFailure } from './run-report';
import { escalationRecipients, recipientTag, routeAlert } from './routing';

export interface SlaReport {
  schools: number;
  openCases: number;
  reminders: number;
  escalations: number;
  /** Cases whose deadline passed unanswered, counted once per case (their first escalation). */
  breaches: number;
  failures: RunFailure[];
}

export const reminderKey = (caseId: string): string => `reminder:${caseId}`;
export const escalationKey = (caseId: string, round: number): string => `escalation:${caseId}:${round}`;

type Step = { kind: 'reminder'; key: string } | { kind: 'escalation'; key: string; round: number } | null;

export const slaStepDue = (stored: StoredCase, school: School, now: Date): Step => {
  const record = stored.case;
  if (record.status !== 'new') return null;
  const dueAt = new Date(record.dueAt);
  const round = escalationRound(dueAt, now, school.sla.escalationRepeatMinutes);
  if (round !== null) return { kind: 'escalation', key: escalationKey(record.id, round), round };
  const remindAt = reminderTime(new Date(record.receivedAt), dueAt, school.sla.reminderAtShare);
  return now >= remindAt ? { kind: 'reminder', key: reminderKey(record.id) } : null;
};

const checkCase = async (deps: CaseDeps, school: School, stored: StoredCase, now: Date): Promise<Step> => {
  const step = slaStepDue(stored, school, now);
  if (!step) return null;
  const { to, roles } = step.kind === 'reminder' ? routeAlert(school, stored.case) : escalationRecipients(school);
  const what = step.kind === 'reminder' ? ({ kind: 'reminder' } as const) : ({ kind: 'escalation', round: step.round } as const);
  const sent = await emailEach(deps, to, step.key, (address, key) =>
    renderCaseEmail(what, stored, school, { address, roles }, deps.links.linksFor(stored.case.id, now, recipientTag(address)), key),
  );
  return sent > 0 ? step : null;
};

export const runSlaCheck = async (deps: CaseDeps): Promise<SlaReport> => {
  const now = deps.clock.now();
  const report: SlaReport = { schools: 0, openCases: 0, reminders: 0, escalations: 0, breaches: 0, failures: [] };
  for (const school of await deps.schools.listSchools()) {
    report.schools += 1;
    let open: StoredCase[];
    try {
      open = await deps.cases.listOpen(school.id);
    } catch (error) {
      report.failures.push({ schoolId: school.id, error });
      continue;
    }
    report.openCases += open.length;
    for (const stored of open) {
      try {
        const sent = await checkCase(deps, school, stored, now);
        if (sent?.kind === 'reminder') report.reminders += 1;
        if (sent?.kind === 'escalation') report.escalations += 1;
        if (sent?.kind === 'escalation' && sent.round === 0) report.breaches += 1;
      } catch (error) {
        report.failures.push({ schoolId: school.id, caseId: stored.case.id, error });
      }
    }
  }
  return report;
};
