/** The poll use case with fakes for its ports: backoff, unhealthy after repeated failures, the two emails. */
import { describe, expect, it } from 'vitest';
import type { MentionMessage, PollRequest } from '../../../shared/domain/messages';
import { SchoolSchema, SourceSchema, type School, type Source } from '../../../shared/domain/model';
import type { EffectLedger, OutgoingEmail } from '../../../shared/domain/ports';
import { pollSource, type PollSourceDeps } from '../../../shared/ingestion/poll-source';
import type { HttpResponse, LoadedSource, MentionStore, SourcePollUpdate, SourceRepository } from '../../../shared/ingestion/ports';
import { backoffDelayMs, UNHEALTHY_AFTER_FAILURES } from '../../../shared/ingestion/source-health';

const school: School = SchoolSchema.parse({
  id: 'ashcombe',
  name: 'Ashcombe Primary',
  contacts: [
    { name: 'Office', email: 'office@ashcombe.example', roles: ['business_manager'] },
    { name: 'IT', email: 'it@ashcombe.example', roles: ['administrator'] },
  ],
});

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><guid>1</guid><title>Ashcombe Primary wins award</title><link>https://news.example/1</link></item>
<item><guid>2</guid><title>Unrelated</title><link>https://news.example/2</link></item></channel></rss>`;

class Harness {
  source: Source = SourceSchema.parse({
    id: 'news',
    schoolId: 'ashcombe',
    kind: 'feed',
    label: 'Local news',
    platform: 'news',
    url: 'https://news.example/feed',
    pollIntervalMinutes: 10,
    nextPollAt: '2026-03-02T09:00:00.000Z',
  });
  lastCompletedFor?: string;
  status = 500;
  now = new Date('2026-03-02T09:00:00.000Z');
  emails: OutgoingEmail[] = [];
  queued: MentionMessage[] = [];
  updates: SourcePollUpdate[] = [];
  private readonly ledgerKeys = new Set<string>();

  deps(): PollSourceDeps {
    const sources: SourceRepository = {
      listDue: async () => [],
      claimDue: async () => true,
      load: async (): Promise<LoadedSource> => ({ source: this.source, lastCompletedFor: this.lastCompletedFor }),
      loadSchool: async () => school,
      recordPoll: async (_s, _id, update) => {
        this.updates.push(update);
        this.source = { ...this.source, ...update, health: update.health };
        this.lastCompletedFor = update.completedFor;
      },
    };
    const mentions: MentionStore = {
      seenAmong: async () => new Set(),
      store: async () => 'created',
      markQueued: async () => undefined,
      markSeen: async () => undefined,
    };
    const ledger: EffectLedger = {
      claim: async (key) => !this.ledgerKeys.has(key) && Boolean(this.ledgerKeys.add(key)),
      complete: async () => undefined,
      release: async (key) => void this.ledgerKeys.delete(key),
    };
    return {
      sources,
      mentions,
      queue: { send: async (messages) => void this.queued.push(...messages) },
      http: {
        get: async (): Promise<HttpResponse> => ({
          status: this.status,
          headers: {},
          body: Buffer.from(this.status === 200 ? FEED : 'oops'),
          url: 'https://news.example/feed',
          wireBytes: 0,
        }),
      },
      tokens: { tokenFor: async () => 'secret' },
      mailer: { send: async (email) => (this.emails.push(email), 'id') },
      ledger,
      clock: { now: () => this.now },
      log: { info: () => undefined, warn: () => undefined },
    };
  }

  async poll(): Promise<void> {
    const request: PollRequest = { schoolId: 'ashcombe', sourceId: 'news', scheduledFor: this.now.toISOString() };
    await pollSource(this.deps(), request);
    this.now = new Date(this.now.getTime() + 60_000);
  }
}

describe('polling a source', () => {
  it('queues only the item that mentions the school', async () => {
    const h = new Harness();
    h.status = 200;
    await h.poll();
    expect(h.queued.map((m) => m.mention.title)).toEqual(['Ashcombe Primary wins award']);
    expect(h.source.health.status).toBe('healthy');
  });

  it('backs off exponentially: interval × 2^failures, capped at a day, never before Retry-After', () => {
    expect(backoffDelayMs(10, 1)).toBe(20 * 60_000);
    expect(backoffDelayMs(10, 3)).toBe(80 * 60_000);
    expect(backoffDelayMs(10, 12)).toBe(24 * 3_600_000);
    expect(backoffDelayMs(10, 1, 7_200)).toBe(7_200_000);
  });

  it('pushes nextPollAt out after a failure', async () => {
    const h = new Harness();
    await h.poll();
    expect(h.updates[0]!.nextPollAt).toBe('2026-03-02T09:20:00.000Z');
    expect(h.source.health.consecutiveFailures).toBe(1);
    expect(h.source.health.lastError).toMatch(/HTTP 500/);
  });

  it('marks a source unhealthy after five failures and emails the administrator once, then once on recovery', async () => {
    const h = new Harness();
    for (let i = 0; i < UNHEALTHY_AFTER_FAILURES + 3; i += 1) await h.poll();
    expect(h.source.health.status).toBe('unhealthy');
    expect(h.emails).toHaveLength(1);
    expect(h.emails[0]!.to).toEqual(['it@ashcombe.example']);
    expect(h.emails[0]!.subject).toContain('Local news');
    h.status = 200;
    await h.poll();
    await h.poll();
    expect(h.source.health.status).toBe('healthy');
    expect(h.emails).toHaveLength(2);
    expect(h.emails[1]!.subject).toContain('working again');
  });

  it('drops a poll request that an earlier completed poll already covered', async () => {
    const h = new Harness();
    h.status = 200;
    h.lastCompletedFor = '2026-03-02T09:00:00.000Z';
    await h.poll();
    expect(h.updates).toHaveLength(0);
    expect(h.queued).toHaveLength(0);
  });
});
