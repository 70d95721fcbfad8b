/**
 * Keyword lists in the single table (keys.ts): CURRENT#<category> holds the list in use, and every
 * save first writes an immutable VERSION#<category>#<n> item (who, when, what changed, the whole list)
 * with a condition that claims version n, then moves CURRENT to it with a condition on the version it
 * replaces. Both are single-item conditional writes (dynalite has no transactions). A writer that
 * died between the two leaves a claimed version behind; the next save finds it, publishes it and asks
 * its caller to retry, so no change is lost and none is applied twice.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CATEGORY_IDS, type CategoryId } from '../domain/policy';
import type { Classification } from '../domain/model';
import {
  KeywordChangeSchema,
  type KeywordChange,
  type KeywordStore,
  type KeywordVersion,
} from '../classification/keywords/store';
import { VersionedCategoryRulesSchema, type CategoryRules, type VersionedCategoryRules } from '../classification/rules/schema';
import { queryAll } from './dynamo-query';
import { ConflictError, ValidationError } from './errors';
import { isExpired, keys, ttlIn } from './keys';

const MAX_PAGES = 20;

const toVersioned = (item: Record<string, unknown>, where: string): VersionedCategoryRules => {
  const parsed = VersionedCategoryRulesSchema.safeParse({ ...(item.list as object), version: item.version, updatedBy: item.updatedBy, updatedAt: item.updatedAt });
  if (!parsed.success) throw new ValidationError(`Stored keyword list ${where} is malformed: ${parsed.error.message}`);
  return parsed.data;
};

export class DynamoKeywordStore implements KeywordStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(scope: string, category: CategoryId): Promise<VersionedCategoryRules | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.keywordCurrent(scope, category), ConsistentRead: true }),
    );
    return Item ? toVersioned(Item, `${scope}/${category}`) : undefined;
  }

  async getScope(scope: string): Promise<Partial<Record<CategoryId, VersionedCategoryRules>>> {
    const lists: Partial<Record<CategoryId, VersionedCategoryRules>> = {};
    const items = await queryAll(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :current)',
        ExpressionAttributeValues: { ':pk': keys.keywordCurrent(scope, 'x').pk, ':current': 'CURRENT#' },
        ConsistentRead: true,
      },
      MAX_PAGES,
    );
    for (const item of items) {
      const category = String(item.sk).slice('CURRENT#'.length) as CategoryId;
      if (CATEGORY_IDS.includes(category)) lists[category] = toVersioned(item, `${scope}/${category}`);
    }
    return lists;
  }

  async history(scope: string, category: CategoryId, limit: number): Promise<KeywordVersion[]> {
    const prefix = keys.keywordVersion(scope, category, 0).sk.replace(/\d+$/, '');
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.keywordCurrent(scope, category).pk, ':prefix': prefix },
        ScanIndexForward: false,
        Limit: Math.max(1, Math.min(limit, 100)),
      }),
    );
    return (result.Items ?? []).map((item) => ({ version: Number(item.version), change: KeywordChangeSchema.parse(item.change) }));
  }

  async save(
    scope: string,
    category: CategoryId,
    rules: CategoryRules,
    expectedVersion: number,
    change: KeywordChange,
  ): Promise<VersionedCategoryRules> {
    const version = expectedVersion + 1;
    const stored = { list: rules, version, updatedBy: change.by, updatedAt: change.at };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.keywordVersion(scope, category, version), type: 'keyword-version', scope, category, ...stored, change },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      await this.publishStrandedVersion(scope, category, expectedVersion);
      throw new ConflictError(`The ${category} list (${scope}) was changed by someone else (version ${version} exists). Reload it and try again.`);
    }
    await this.publish(scope, category, stored, expectedVersion);
    return { ...rules, version, updatedBy: change.by, updatedAt: change.at };
  }

  private async publish(
    scope: string,
    category: CategoryId,
    stored: { list: CategoryRules; version: number; updatedBy: string; updatedAt: string },
    expectedVersion: number,
  ): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.keywordCurrent(scope, category), type: 'keyword-list', scope, category, ...stored },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
          ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new ConflictError(`The ${category} list (${scope}) moved on while saving version ${stored.version}. Reload it and try again.`);
    }
  }

  /** A version claimed by a writer that stopped before publishing it: publish it now (roll forward). */
  private async publishStrandedVersion(scope: string, category: CategoryId, expectedVersion: number): Promise<void> {
    const current = await this.get(scope, category);
    if ((current?.version ?? 0) !== expectedVersion) return;
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.keywordVersion(scope, category, expectedVersion + 1), ConsistentRead: true }),
    );
    if (!Item) return;
    try {
      await this.publish(scope, category, { list: Item.list, version: Number(Item.version), updatedBy: String(Item.updatedBy), updatedAt: String(Item.updatedAt) }, expectedVersion);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}

/** The school's most recent mentions, newest first, for the dry run. */
export class DynamoRecentMentions {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async recent(schoolId: string, limit: number): Promise<{ id: string; text: string }[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.mentionsOfSchool(schoolId) },
        ScanIndexForward: false,
        Limit: Math.max(1, Math.min(limit, 1000)),
      }),
    );
    const now = new Date();
    return (result.Items ?? [])
      .filter((item) => !isExpired(item, now))
      .map((item) => ({ id: String(item.id), text: [item.title, item.text].filter(Boolean).join('\n') }));
  }
}

/** Unflagged public mentions are kept this long (for dry runs over recent mentions and the weekly summary). */
export const UNFLAGGED_RETENTION_DAYS = 30;

/** Writes a mention's classification onto its item (the same result again on a redelivery). */
export class DynamoClassificationRecorder {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Writes the classification onto the mention. A mention nobody needs to act on (not flagged, not a
   * comment on an official account) gets an expiry: DynamoDB's TTL removes it after
   * UNFLAGGED_RETENTION_DAYS (readers skip expired items meanwhile; dynalite has no TTL at all).
   */
  async record(
    schoolId: string,
    mentionId: string,
    classification: Classification,
    at: Date,
    official = false,
  ): Promise<void> {
    const expires = !classification.flagged && !official;
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.mention(schoolId, mentionId),
        UpdateExpression: expires
          ? 'SET classification = :c, classifiedAt = :at, expiresAt = :exp'
          : 'SET classification = :c, classifiedAt = :at REMOVE expiresAt',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':c': classification,
          ':at': at.toISOString(),
          ...(expires ? { ':exp': ttlIn(at, UNFLAGGED_RETENTION_DAYS) } : {}),
        },
      }),
    ).catch((error: unknown) => {
      // A mention that was never stored (a replayed message after cleanup) has nothing to annotate.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }
}
