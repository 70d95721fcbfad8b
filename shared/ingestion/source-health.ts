/**
 * Source health: exponential backoff for a failing source, "unhealthy" after repeated failures, and
 * the two emails to the school's administrator (unhealthy, then recovered), each sent exactly once.
 */
import escapeHtml from 'escape-html';
import type { School, Source, SourceHealth } from '../domain/model';
import type { OutgoingEmail } from '../domain/ports';
import { describeError } from '../platform/errors';
import { redactText } from './redact';

export const UNHEALTHY_AFTER_FAILURES = 5;
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/** nextPollAt after the n-th consecutive failure: interval × 2^n, at most a day, never before Retry-After. */
export const backoffDelayMs = (intervalMinutes: number, failures: number, retryAfterSeconds?: number): number => {
  const exponential = Math.min(intervalMinutes * 60_000 * 2 ** Math.min(failures, 30), MAX_BACKOFF_MS);
  const retryAfter = Math.min((retryAfterSeconds ?? 0) * 1000, MAX_BACKOFF_MS);
  return Math.max(exponential, retryAfter);
};

export const healthAfterSuccess = (health: SourceHealth, now: Date): SourceHealth => ({
  status: 'healthy',
  consecutiveFailures: 0,
  lastSuccessAt: now.toISOString(),
  lastFailureAt: health.lastFailureAt,
  lastError: undefined,
  unhealthyNotifiedAt: undefined,
});

export const healthAfterFailure = (health: SourceHealth, error: unknown, now: Date): SourceHealth => {
  const consecutiveFailures = health.consecutiveFailures + 1;
  return {
    ...health,
    status: consecutiveFailures >= UNHEALTHY_AFTER_FAILURES ? 'unhealthy' : health.status,
    consecutiveFailures,
    lastError: redactText(describeError(error)).slice(0, 500),
    lastFailureAt: now.toISOString(),
  };
};

/** Administrators, or the business manager when the school has no administrator contact. */
export const adminRecipients = (school: School): string[] => {
  const withRole = (role: 'administrator' | 'business_manager'): string[] =>
    school.contacts.filter((c) => c.roles.includes(role)).map((c) => c.email);
  const admins = withRole('administrator');
  return admins.length > 0 ? admins : withRole('business_manager');
};

export const unhealthyEffectKey = (source: Source): string =>
  `source-unhealthy:${source.schoolId}:${source.id}:${source.health.lastSuccessAt ?? 'never'}`;

export const recoveredEffectKey = (source: Source): string =>
  `source-recovered:${source.schoolId}:${source.id}:${source.health.unhealthyNotifiedAt ?? 'unknown'}`;

const email = (to: string[], subject: string, paragraphs: string[], key: string): OutgoingEmail => ({
  to,
  subject,
  text: paragraphs.join('\n\n'),
  html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
  key,
});

export const unhealthyEmail = (school: School, source: Source, health: SourceHealth, to: string[]): OutgoingEmail =>
  email(
    to,
    `Mention monitor: "${source.label}" has stopped working`,
    [
      `The mention monitor for ${school.name} could not read "${source.label}" (${source.platform}) ` +
        `${health.consecutiveFailures} times in a row, so new posts or comments there may be missed.`,
      `Last error: ${health.lastError ?? 'unknown'}`,
      `Last successful check: ${health.lastSuccessAt ?? 'never'}.`,
      'It will keep retrying, less often, and you will get one more email when it works again. ' +
        'If the account was renamed or its access token expired, update the source settings.',
    ],
    unhealthyEffectKey(source),
  );

export const recoveredEmail = (school: School, source: Source, to: string[]): OutgoingEmail =>
  email(
    to,
    `Mention monitor: "${source.label}" is working again`,
    [
      `The mention monitor for ${school.name} can read "${source.label}" (${source.platform}) again.`,
      'Posts and comments published while it was failing are picked up where the platform still lists them.',
    ],
    recoveredEffectKey(source),
  );
