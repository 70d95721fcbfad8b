/**
 * The poll use case: one PollRequest → read the source → store and queue new mentions → save the
 * cursor, ETag, Last-Modified and health. A failing source is not an error of the message: the failure
 * is recorded (backoff, unhealthy after repeated failures, administrator told once) and the message is
 * done. Storage or queue failures do throw, so SQS redelivers and the crash-safe order in ingestItems
 * finishes the job.
 */
import type { PollRequest, MentionMessage } from '../domain/messages';
import type { School, Source } from '../domain/model';
import type { Clock, EffectLedger, Mailer, MessageQueue } from '../domain/ports';
import { onceOnly } from '../domain/effects';
import { UpstreamError } from '../platform/errors';
import { CONNECTORS } from './connectors';
import { ingestItems } from './ingest-items';
import type { HttpClient, MentionStore, PollResult, SourceRepository } from './ports';
import {
  adminRecipients,
  backoffDelayMs,
  healthAfterFailure,
  healthAfterSuccess,
  recoveredEmail,
  recoveredEffectKey,
  unhealthyEffectKey,
  unhealthyEmail,
} from './source-health';
import type { TokenSource } from './tokens';

/** What the use case writes to the log (the handler passes the structured logger). */
export interface IngestionLog {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
}

export interface PollSourceDeps {
  sources: SourceRepository;
  mentions: MentionStore;
  queue: MessageQueue<MentionMessage>;
  http: HttpClient;
  tokens: TokenSource;
  mailer: Mailer;
  ledger: EffectLedger;
  clock: Clock;
  log: IngestionLog;
}

export type PollOutcome =
  | { status: 'missing' | 'stale' }
  | { status: 'unchanged' | 'polled'; requests: number; created: number; queued: number }
  | { status: 'failed'; error: string; consecutiveFailures: number };

const readSource = async (source: Source, deps: PollSourceDeps, now: Date): Promise<PollResult> => {
  const token = source.tokenRef ? await deps.tokens.tokenFor(source.tokenRef) : undefined;
  return CONNECTORS[source.kind].poll(source, { http: deps.http, token, now });
};

const recordFailure = async (
  deps: PollSourceDeps,
  school: School,
  source: Source,
  request: PollRequest,
  error: unknown,
  now: Date,
): Promise<PollOutcome> => {
  const health = healthAfterFailure(source.health, error, now);
  const retryAfter = error instanceof UpstreamError ? error.retryAfterSeconds : undefined;
  const delay = backoffDelayMs(source.pollIntervalMinutes, health.consecutiveFailures, retryAfter);
  deps.log.warn('source poll failed', {
    schoolId: source.schoolId,
    sourceId: source.id,
    error: health.lastError,
    consecutiveFailures: health.consecutiveFailures,
    retryInSeconds: Math.round(delay / 1000),
  });
  if (health.status === 'unhealthy' && !source.health.unhealthyNotifiedAt) {
    const to = adminRecipients(school);
    if (to.length > 0) {
      await onceOnly(deps.ledger, unhealthyEffectKey(source), () =>
        deps.mailer.send(unhealthyEmail(school, source, health, to)),
      );
    } else {
      deps.log.warn('source unhealthy but the school has no administrator contact', { sourceId: source.id });
    }
    health.unhealthyNotifiedAt = now.toISOString();
  }
  await deps.sources.recordPoll(source.schoolId, source.id, {
    nextPollAt: new Date(now.getTime() + delay).toISOString(),
    health,
    cursor: source.cursor,
    etag: source.etag,
    lastModified: source.lastModified,
    completedFor: request.scheduledFor,
  });
  return { status: 'failed', error: health.lastError ?? '', consecutiveFailures: health.consecutiveFailures };
};

export const pollSource = async (deps: PollSourceDeps, request: PollRequest): Promise<PollOutcome> => {
  const loaded = await deps.sources.load(request.schoolId, request.sourceId);
  if (!loaded) {
    deps.log.warn('poll request for a source that no longer exists', { ...request });
    return { status: 'missing' };
  }
  if (loaded.lastCompletedFor && loaded.lastCompletedFor >= request.scheduledFor) {
    deps.log.info('stale poll request dropped', { ...request, lastCompletedFor: loaded.lastCompletedFor });
    return { status: 'stale' };
  }
  const { source } = loaded;
  const school = await deps.sources.loadSchool(source.schoolId);
  if (!school) {
    deps.log.warn('poll request for a school that no longer exists', { ...request });
    return { status: 'missing' };
  }
  const now = deps.clock.now();
  let result: PollResult;
  try {
    result = await readSource(source, deps, now);
  } catch (error) {
    return recordFailure(deps, school, source, request, error, now);
  }
  const ingested = result.unchanged
    ? { created: 0, queued: 0 }
    : await ingestItems(deps, school, source, result.items, now);
  if (source.health.unhealthyNotifiedAt) {
    const to = adminRecipients(school);
    if (to.length > 0) {
      await onceOnly(deps.ledger, recoveredEffectKey(source), () => deps.mailer.send(recoveredEmail(school, source, to)));
    }
  }
  await deps.sources.recordPoll(source.schoolId, source.id, {
    nextPollAt: new Date(now.getTime() + source.pollIntervalMinutes * 60_000).toISOString(),
    health: healthAfterSuccess(source.health, now),
    cursor: result.cursor ?? source.cursor,
    etag: result.unchanged ? source.etag : result.etag,
    lastModified: result.unchanged ? source.lastModified : result.lastModified,
    completedFor: request.scheduledFor,
  });
  deps.log.info('source polled', {
    schoolId: source.schoolId,
    sourceId: source.id,
    unchanged: result.unchanged,
    requests: result.requests,
    ...ingested,
  });
  return {
    status: result.unchanged ? 'unchanged' : 'polled',
    requests: result.requests,
    created: ingested.created,
    queued: ingested.queued,
  };
};
