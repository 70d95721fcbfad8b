/**
 * Polled items to stored, queued mentions — in an order that survives a crash at any point:
 *   1. skip items this source has already marked seen;
 *   2. store the mention with a conditional put ('created', or it already exists);
 *   3. queue every mention that is not yet marked queued (a crash after 2 is healed on redelivery);
 *   4. mark those mentions queued;
 *   5. mark the items seen.
 * A redelivered poll therefore never loses an item (nothing is marked seen before it is stored and
 * queued) and never creates a second mention (the put is conditional). The only repeat is a crash
 * between 3 and 4, which re-sends the same mention id: the classifier and notifier are idempotent by
 * mention id.
 */
import type { School, Source } from '../domain/model';
import type { MentionMessage } from '../domain/messages';
import type { Mention } from '../domain/model';
import type { MessageQueue } from '../domain/ports';
import { externalIdHash, selectRelevant, toMention } from './mentions';
import type { MentionStore, SourceItem } from './ports';

const CONCURRENCY = 10;

const inChunks = async <T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> => {
  for (let start = 0; start < items.length; start += CONCURRENCY) {
    await Promise.all(items.slice(start, start + CONCURRENCY).map(run));
  }
};

export interface IngestDeps {
  mentions: MentionStore;
  queue: MessageQueue<MentionMessage>;
}

export interface IngestOutcome {
  relevant: number;
  alreadySeen: number;
  created: number;
  queued: number;
}

export const ingestItems = async (
  deps: IngestDeps,
  school: School,
  source: Source,
  items: readonly SourceItem[],
  now: Date,
): Promise<IngestOutcome> => {
  const relevant = selectRelevant(items, school, source);
  const byHash = new Map<string, SourceItem>();
  for (const item of relevant) byHash.set(externalIdHash(item.externalId), item);
  const seen = await deps.mentions.seenAmong(source.schoolId, source.id, [...byHash.keys()]);
  const fresh = [...byHash].filter(([hash]) => !seen.has(hash));

  const mentionOf = new Map<string, Mention>();
  for (const [hash, item] of fresh) mentionOf.set(hash, toMention(item, source, now));
  const distinct = new Map<string, Mention>();
  for (const mention of mentionOf.values()) distinct.set(mention.id, mention);

  let created = 0;
  const toQueue: Mention[] = [];
  await inChunks([...distinct.values()], async (mention) => {
    const outcome = await deps.mentions.store(mention);
    if (outcome === 'created') created += 1;
    if (outcome !== 'already-queued') toQueue.push(mention);
  });
  await deps.queue.send(toQueue.map((mention) => ({ mention })));
  await inChunks(toQueue, (mention) => deps.mentions.markQueued(source.schoolId, mention.id, now));
  await inChunks([...mentionOf], ([hash, mention]) =>
    deps.mentions.markSeen(source.schoolId, source.id, hash, mention.id, now),
  );
  return { relevant: byHash.size, alreadySeen: seen.size, created, queued: toQueue.length };
};
