/**
 * Sources and school profiles in the single table (keys.ts). A source item carries the due-index
 * keys (gsi1pk SOURCES_DUE, gsi1sk "<nextPollAt>#<schoolId>#<sourceId>"), so "which sources are due"
 * is one Query; nextPollAt is always written as toISOString() so the sort key orders by time.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { SourceSchema, type School, type Source, type SourceInput } from '../domain/model';
import type { DueSource, LoadedSource, SourcePollUpdate, SourceRepository } from '../ingestion/ports';
import { DynamoSchoolRepository } from './dynamo-school-repository';
import { queryAll } from './dynamo-query';
import { NotFoundError, ValidationError } from './errors';
import { keys } from './keys';
import { MAIN_TABLE } from './resources';

const MAX_QUERY_PAGES = 20;
const KEY_FIELDS = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type', 'lastCompletedFor', 'expiresAt']);

const withoutKeys = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_FIELDS.has(name)));

const parseStored = <T>(schema: z.ZodType<T>, item: Record<string, unknown>, what: string): T => {
  const parsed = schema.safeParse(withoutKeys(item));
  if (!parsed.success) throw new ValidationError(`Stored ${what} is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

const dueSortKey = (nextPollAt: string, schoolId: string, sourceId: string): string =>
  keys.sourceDueIndex(new Date(nextPollAt).toISOString(), schoolId, sourceId).gsi1sk;

export class DynamoSourceRepository implements SourceRepository {
  private readonly schools: DynamoSchoolRepository;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {
    this.schools = new DynamoSchoolRepository(db, table);
  }

  /** Creates or replaces a source (admin configuration, fixtures). */
  async putSource(input: SourceInput): Promise<Source> {
    const parsed = SourceSchema.safeParse({ ...input, nextPollAt: new Date(input.nextPollAt).toISOString() });
    if (!parsed.success) throw new ValidationError(`Invalid source "${input.id}":\n${z.prettifyError(parsed.error)}`);
    const source = parsed.data;
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.source(source.schoolId, source.id),
          ...keys.sourceDueIndex(source.nextPollAt, source.schoolId, source.id),
          type: 'source',
          ...source,
        },
      }),
    );
    return source;
  }

  /** A school's sources with their health, for administrators. */
  async listForSchool(schoolId: string): Promise<Source[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :source)',
      ExpressionAttributeValues: { ':pk': keys.source(schoolId, '').pk, ':source': keys.source(schoolId, '').sk },
    });
    return items.map((item) => parseStored(SourceSchema, item, `source ${String(item.sk)}`));
  }

  /** Removes a source; its mentions and cases stay. Throws NotFoundError when there is no such source. */
  async removeSource(schoolId: string, sourceId: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.table,
          Key: keys.source(schoolId, sourceId),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new NotFoundError(`School "${schoolId}" has no source "${sourceId}"`);
      }
      throw error;
    }
  }

  async listDue(now: Date, limit: number): Promise<DueSource[]> {
    const due: DueSource[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_QUERY_PAGES && due.length < limit; page += 1) {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: MAIN_TABLE.indexes[0]!.name,
          KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :upper',
          ExpressionAttributeValues: { ':due': keys.SOURCES_DUE, ':upper': `${now.toISOString()}#\uffff` },
          Limit: limit - due.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        const [nextPollAt, schoolId, sourceId] = String(item.gsi1sk).split('#');
        if (!nextPollAt || !schoolId || !sourceId) continue;
        const interval = typeof item.pollIntervalMinutes === 'number' ? item.pollIntervalMinutes : 10;
        due.push({ schoolId, sourceId, nextPollAt, pollIntervalMinutes: interval });
      }
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return due;
  }

  async claimDue(due: DueSource, nextPollAt: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.source(due.schoolId, due.sourceId),
          UpdateExpression: 'SET nextPollAt = :next, gsi1sk = :sk',
          ConditionExpression: 'nextPollAt = :seen',
          ExpressionAttributeValues: {
            ':next': new Date(nextPollAt).toISOString(),
            ':sk': dueSortKey(nextPollAt, due.schoolId, due.sourceId),
            ':seen': due.nextPollAt,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async load(schoolId: string, sourceId: string): Promise<LoadedSource | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.source(schoolId, sourceId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const lastCompletedFor = typeof Item.lastCompletedFor === 'string' ? Item.lastCompletedFor : undefined;
    return { source: parseStored(SourceSchema, Item, `source ${schoolId}/${sourceId}`), lastCompletedFor };
  }

  async loadSchool(schoolId: string): Promise<School | undefined> {
    try {
      return await this.schools.getSchool(schoolId);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async recordPoll(schoolId: string, sourceId: string, update: SourcePollUpdate): Promise<void> {
    // Every attribute through a name placeholder: "cursor" is a DynamoDB reserved word.
    const names: Record<string, string> = {
      '#next': 'nextPollAt',
      '#sk': 'gsi1sk',
      '#health': 'health',
      '#completed': 'lastCompletedFor',
      '#pk': 'pk',
    };
    const set = ['#next = :next', '#sk = :sk', '#health = :health', '#completed = :completed'];
    const remove: string[] = [];
    const values: Record<string, unknown> = {
      ':next': new Date(update.nextPollAt).toISOString(),
      ':sk': dueSortKey(update.nextPollAt, schoolId, sourceId),
      ':health': update.health,
      ':completed': update.completedFor,
    };
    for (const field of ['cursor', 'etag', 'lastModified'] as const) {
      names[`#${field}`] = field;
      if (update[field] === undefined) remove.push(`#${field}`);
      else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = update[field];
      }
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.source(schoolId, sourceId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          // A source deleted while it was being polled stays deleted.
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
