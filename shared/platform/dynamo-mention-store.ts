/**
 * Mentions and seen-item records in the single table (keys.ts), with single-item conditional writes
 * only (they work on dynalite, which has no transactions). A mention records when it was queued, so a
 * poll that crashed between storing and queueing re-sends it on redelivery.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Mention } from '../domain/model';
import type { MentionStore, StoreOutcome } from '../ingestion/ports';
import { UpstreamError } from './errors';
import { isExpired, keys, ttlIn } from './keys';

const BATCH_GET_LIMIT = 100;
const MAX_UNPROCESSED_RETRIES = 5;
/** Seen-item records outlive any feed's memory of an item; a later repeat still dedupes on the mention id. */
const SEEN_RETENTION_DAYS = 400;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class DynamoMentionStore implements MentionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async seenAmong(schoolId: string, sourceId: string, hashes: readonly string[]): Promise<Set<string>> {
    const seen = new Set<string>();
    const now = new Date();
    const unique = [...new Set(hashes)];
    for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
      let pending: Record<string, unknown>[] | undefined = unique
        .slice(start, start + BATCH_GET_LIMIT)
        .map((hash) => keys.seenItem(schoolId, sourceId, hash));
      for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
        if (attempt > MAX_UNPROCESSED_RETRIES) throw new UpstreamError('DynamoDB kept seen-item reads unprocessed');
        if (attempt > 0) await sleep(50 * 2 ** attempt);
        const result: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({
            RequestItems: {
              [this.table]: { Keys: pending, ProjectionExpression: 'pk, sk, expiresAt', ConsistentRead: true },
            },
          }),
        );
        for (const item of result.Responses?.[this.table] ?? []) {
          if (!isExpired(item, now)) seen.add(String(item.sk));
        }
        pending = result.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return seen;
  }

  async store(mention: Mention): Promise<StoreOutcome> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.mention(mention.schoolId, mention.id),
            ...keys.mentionsBySchool(mention.schoolId, mention.fetchedAt, mention.id),
            type: 'mention',
            ...mention,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.mention(mention.schoolId, mention.id),
        ProjectionExpression: 'queuedAt',
        ConsistentRead: true,
      }),
    );
    return Item?.queuedAt ? 'already-queued' : 'stored-not-queued';
  }

  async markQueued(schoolId: string, mentionId: string, at: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.mention(schoolId, mentionId),
        UpdateExpression: 'SET queuedAt = if_not_exists(queuedAt, :at)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
  }

  async markSeen(schoolId: string, sourceId: string, externalIdHash: string, mentionId: string, at: Date): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.seenItem(schoolId, sourceId, externalIdHash),
            type: 'seen',
            mentionId,
            seenAt: at.toISOString(),
            expiresAt: ttlIn(at, SEEN_RETENTION_DAYS),
          },
          // Dynalite has no TTL and DynamoDB deletes late: an expired record may be replaced.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': Math.floor(at.getTime() / 1000) },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** For tests and the local runtime: one stored mention with its queue mark. */
  async get(schoolId: string, mentionId: string): Promise<(Mention & { queuedAt?: string }) | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.mention(schoolId, mentionId), ConsistentRead: true }),
    );
    return Item as (Mention & { queuedAt?: string }) | undefined;
  }
}
