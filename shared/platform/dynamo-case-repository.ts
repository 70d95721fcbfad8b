/**
 * Cases in the single table (see keys.ts). The case item holds the Case, the mention and classification
 * it is about, and `lastChange`: the history entry of its latest write. Every change is one conditional
 * write on `revision` (dynalite has no transactions), followed by a put of the history item; if a
 * crash falls between the two, `history()` still returns the entry from `lastChange`.
 * While a case is open its gsi1 keys put it in OPEN_CASES#<school> sorted by due time; when it closes
 * they move it to CLOSED_CASES#<school> sorted by closing time.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './dynamo-query';
import * as z from 'zod';
import {
  CaseHistoryEntrySchema,
  CaseSchema,
  ClassificationSchema,
  MentionSchema,
  type Case,
  type CaseHistoryEntry,
} from '../domain/model';
import { isOpen, type StoredCase } from '../cases/case-lifecycle';
import type { CaseRepository } from '../cases/ports';
import { ConflictError, ValidationError } from './errors';
import { keys } from './keys';

const MAX_PAGES = 50;

const indexKeysFor = (record: Case) =>
  isOpen(record.status)
    ? keys.openCaseIndex(record.schoolId, record.dueAt, record.id)
    : keys.closedCaseIndex(record.schoolId, record.updatedAt, record.id);

const StoredItemSchema = z.object({
  case: CaseSchema,
  mention: MentionSchema,
  classification: ClassificationSchema,
  lastChange: z.object({ seq: z.number().int(), entry: CaseHistoryEntrySchema }).optional(),
});

const parseItem = (item: Record<string, unknown>): StoredCase & { lastChange?: { seq: number; entry: CaseHistoryEntry } } => {
  const parsed = StoredItemSchema.safeParse(item);
  if (!parsed.success) throw new ValidationError(`Stored case ${String(item.pk)} is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

export class DynamoCaseRepository implements CaseRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(stored: StoredCase, opened: CaseHistoryEntry): Promise<boolean> {
    const record = stored.case;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.case(record.id),
            ...indexKeysFor(record),
            type: 'case',
            schoolId: record.schoolId,
            status: record.status,
            revision: record.revision,
            case: record,
            mention: stored.mention,
            classification: stored.classification,
            lastChange: { seq: record.revision, entry: opened },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    await this.putHistory(opened, record.revision);
    return true;
  }

  async get(caseId: string): Promise<StoredCase | null> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.case(caseId), ConsistentRead: true }));
    if (!result.Item) return null;
    const { case: record, mention, classification } = parseItem(result.Item);
    return { case: record, mention, classification };
  }

  async update(next: Case, entry: CaseHistoryEntry): Promise<void> {
    const index = indexKeysFor(next);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.case(next.id),
          UpdateExpression:
            'SET #case = :case, #status = :status, revision = :revision, lastChange = :change, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
          ConditionExpression: 'attribute_exists(pk) AND revision = :expected',
          ExpressionAttributeNames: { '#case': 'case', '#status': 'status' },
          ExpressionAttributeValues: {
            ':case': next,
            ':status': next.status,
            ':revision': next.revision,
            ':expected': next.revision - 1,
            ':change': { seq: next.revision, entry },
            ':gsi1pk': index.gsi1pk,
            ':gsi1sk': index.gsi1sk,
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError(`Case ${next.id} was changed by someone else; read it again`, { cause: error });
      }
      throw error;
    }
    await this.putHistory(entry, next.revision);
  }

  async history(caseId: string): Promise<CaseHistoryEntry[]> {
    const entries = new Map<number, CaseHistoryEntry>();
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :history)',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':history': keys.CASE_HISTORY_PREFIX },
    });
    for (const item of items) entries.set(Number(item.seq), CaseHistoryEntrySchema.parse(item.entry));
    const head = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.case(caseId), ConsistentRead: true }));
    const lastChange = head.Item ? parseItem(head.Item).lastChange : undefined;
    if (lastChange && !entries.has(lastChange.seq)) entries.set(lastChange.seq, lastChange.entry);
    return [...entries].sort(([a], [b]) => a - b).map(([, entry]) => entry);
  }

  async listOpen(schoolId: string): Promise<StoredCase[]> {
    return this.listIndex({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.openCasesOf(schoolId) },
    });
  }

  async listClosedSince(schoolId: string, since: Date): Promise<StoredCase[]> {
    return this.listIndex({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
      ExpressionAttributeValues: { ':pk': keys.closedCasesOf(schoolId), ':since': since.toISOString() },
    });
  }

  private async putHistory(entry: CaseHistoryEntry, seq: number): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.caseHistory(entry.caseId, entry.at, seq), type: 'case-history', seq, entry },
      }),
    );
  }

  private async listIndex(query: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<StoredCase[]> {
    const items = await this.queryAll(query);
    return items.map((item) => {
      const { case: record, mention, classification } = parseItem(item);
      return { case: record, mention, classification };
    });
  }

  private queryAll(query: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) {
    return queryAll(this.db, { ...query, TableName: this.table }, MAX_PAGES);
  }
}
