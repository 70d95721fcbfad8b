/**
 * An alert (a flagged mention, or any comment on an official account) becomes exactly one case, and
 * exactly one notification: for critical and high, one email now to each routed recipient; otherwise
 * one digest entry. Every step is safe to repeat: the case is a conditional put on an id derived from
 * the mention, and the emails / digest entry run through the effect ledger, so a redelivered message
 * changes nothing.
 */
import { onceOnly } from '../domain/effects';
import type { AlertMessage } from '../domain/messages';
import type { Mention } from '../domain/model';
import { NotFoundError } from '../platform/errors';
import { isOpen, openCase, type StoredCase } from './case-lifecycle';
import { computeResponseDeadline } from './deadline';
import { emailEach } from './deliver';
import { renderCaseEmail } from './email/case-emails';
import type { CaseDeps } from './ports';
import { deliversImmediately, recipientTag, routeAlert } from './routing';

export type AlertOutcome =
  | { kind: 'ignored'; reason: string }
  | { kind: 'case'; caseId: string; created: boolean; delivery: 'email' | 'digest' | 'already_done' | 'case_closed' };

/**
 * When the clock starts. A comment on an official account was received when it was posted (capped at
 * when we fetched it, against clock skew); any other mention when we found it, so a newly added feed's
 * old items do not open cases that are overdue before anyone could see them.
 */
export const receivedAtFor = (mention: Mention): Date => {
  const fetched = Date.parse(mention.fetchedAt);
  if (!mention.isOfficialAccountComment) return new Date(fetched);
  return new Date(Math.min(Date.parse(mention.publishedAt), fetched));
};

/** Ledger key base of the alert email; each recipient's email adds `:<recipientTag>` (deliver.ts). */
export const alertEmailKey = (caseId: string): string => `email:alert:${caseId}`;
export const digestEntryKey = (caseId: string): string => `digest-entry:${caseId}`;

export const handleAlert = async (deps: CaseDeps, alert: AlertMessage): Promise<AlertOutcome> => {
  const { mention, classification } = alert;
  if (!classification.flagged && !mention.isOfficialAccountComment) {
    return { kind: 'ignored', reason: 'neither flagged nor a comment on an official account' };
  }
  const school = await deps.schools.getSchool(mention.schoolId);
  const now = deps.clock.now();
  const receivedAt = receivedAtFor(mention);
  const { dueAt } = computeResponseDeadline({ receivedAt, timeZone: school.timeZone, sla: school.sla });
  const opened = openCase(mention, classification, { receivedAt, dueAt }, now);

  const created = await deps.cases.create(opened.stored, opened.entry);
  let stored: StoredCase = opened.stored;
  if (!created) {
    const existing = await deps.cases.get(opened.stored.case.id);
    if (!existing) throw new NotFoundError(`Case ${opened.stored.case.id} exists but could not be read`);
    stored = existing;
  }
  const caseId = stored.case.id;
  if (!isOpen(stored.case.status)) return { kind: 'case', caseId, created, delivery: 'case_closed' };

  if (deliversImmediately(stored.case.severity)) {
    const { to, roles } = routeAlert(school, stored.case);
    const sent = await emailEach(deps, to, alertEmailKey(caseId), (address, key) =>
      renderCaseEmail({ kind: 'alert' }, stored, school, { address, roles }, deps.links.linksFor(caseId, now, recipientTag(address)), key),
    );
    return { kind: 'case', caseId, created, delivery: sent > 0 ? 'email' : 'already_done' };
  }
  const queued = await onceOnly(deps.ledger, digestEntryKey(caseId), () =>
    deps.digests.add({ schoolId: school.id, caseId, createdAt: now.toISOString() }),
  );
  return { kind: 'case', caseId, created, delivery: queued.done ? 'digest' : 'already_done' };
};
