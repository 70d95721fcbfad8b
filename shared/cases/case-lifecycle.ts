/**
 * A case's life: opened from an alert (new), then acknowledged, handled (with the ladder step taken) or
 * marked a false positive. Pure functions: the repository stores what they return with a conditional
 * write on `revision`, so two moderators acting at once cannot both win.
 */
import { createHash } from 'node:crypto';
import type { Case, CaseHistoryEntry, CaseStatus, Classification, Mention } from '../domain/model';
import { LADDER, type LadderStep } from '../domain/policy';
import { ConflictError, ValidationError } from '../platform/errors';

/** A case together with what it is about, as stored (the mention and classification travel with it). */
export interface StoredCase {
  case: Case;
  mention: Mention;
  classification: Classification;
}

export const CASE_ACTIONS = ['acknowledge', 'handle', 'false_positive'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export type CaseCommand =
  | { action: 'acknowledge'; actor: string; note?: string }
  | { action: 'handle'; step: LadderStep; actor: string; note?: string }
  | { action: 'false_positive'; actor: string; note?: string };

export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'acknowledged'];
export const isOpen = (status: CaseStatus): boolean => OPEN_STATUSES.includes(status);

const NOTE_MAX = 2_000;
const ACTOR_MAX = 120;

/** One case per mention: the id is derived from it, so a redelivered alert finds the same case. */
export const caseIdFor = (schoolId: string, mentionId: string): string =>
  createHash('sha256').update(`${schoolId}\n${mentionId}`).digest('hex').slice(0, 20);

export const openCase = (
  mention: Mention,
  classification: Classification,
  deadline: { receivedAt: Date; dueAt: Date },
  now: Date,
): { stored: StoredCase; entry: CaseHistoryEntry } => {
  const at = now.toISOString();
  const record: Case = {
    id: caseIdFor(mention.schoolId, mention.id),
    schoolId: mention.schoolId,
    mentionId: mention.id,
    status: 'new',
    receivedAt: deadline.receivedAt.toISOString(),
    dueAt: deadline.dueAt.toISOString(),
    categories: classification.categories,
    severity: classification.severity,
    isOfficialAccountComment: mention.isOfficialAccountComment,
    createdAt: at,
    updatedAt: at,
    revision: 0,
  };
  return {
    stored: { case: record, mention, classification },
    entry: { caseId: record.id, at, actor: 'system', action: 'opened', toStatus: 'new' },
  };
};

/** Control characters out, whitespace runs collapsed, length capped: notes and names go into pages and emails. */
const cleanText = (value: string, max: number): string =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim()
    .slice(0, max);
const cleanLine = (value: string, max: number): string => cleanText(value.replace(/\s+/g, ' '), max);

const TARGET: Record<CaseAction, CaseStatus> = {
  acknowledge: 'acknowledged',
  handle: 'handled',
  false_positive: 'false_positive',
};

const ALLOWED_FROM: Record<CaseAction, readonly CaseStatus[]> = {
  acknowledge: ['new'],
  handle: ['new', 'acknowledged'],
  false_positive: ['new', 'acknowledged'],
};

export const describeStatus = (status: CaseStatus): string =>
  ({ new: 'new', acknowledged: 'acknowledged', handled: 'handled', false_positive: 'marked a false positive' })[status];

/**
 * The next state of a case after a moderator's command. Leaving `new` records the first response and
 * whether the deadline was met. Throws ConflictError when the command does not fit the current status.
 */
export const applyCaseCommand = (
  current: Case,
  command: CaseCommand,
  now: Date,
): { next: Case; entry: CaseHistoryEntry } => {
  const actor = cleanLine(command.actor, ACTOR_MAX);
  if (!actor) throw new ValidationError('Say who is acting (--by, or your name on the page)');
  if (command.action === 'handle' && !(command.step in LADDER)) {
    throw new ValidationError(`Unknown action taken "${String(command.step)}"`);
  }
  if (!ALLOWED_FROM[command.action].includes(current.status)) {
    throw new ConflictError(`Case ${current.id} is already ${describeStatus(current.status)}`);
  }
  const at = now.toISOString();
  const next: Case = { ...current, status: TARGET[command.action], updatedAt: at, revision: current.revision + 1 };
  if (current.status === 'new') {
    next.firstResponseAt = at;
    next.slaOutcome = now.getTime() <= Date.parse(current.dueAt) ? 'met' : 'breached';
  }
  if (command.action === 'handle') next.actionTaken = command.step;
  const note = command.note === undefined ? undefined : cleanText(command.note, NOTE_MAX) || undefined;
  return {
    next,
    entry: {
      caseId: current.id,
      at,
      actor,
      action: command.action === 'handle' ? `handled: ${command.step}` : command.action === 'acknowledge' ? 'acknowledged' : 'false_positive',
      fromStatus: current.status,
      toStatus: next.status,
      note,
    },
  };
};

/** Minutes from receipt to the first response (acknowledge, handle or false positive), when there was one. */
export const minutesToFirstResponse = (record: Case): number | null =>
  record.firstResponseAt === undefined
    ? null
    : Math.round((Date.parse(record.firstResponseAt) - Date.parse(record.receivedAt)) / 60_000);

export const isOverdue = (record: Case, now: Date): boolean =>
  record.status === 'new' && Date.parse(record.dueAt) < now.getTime();
