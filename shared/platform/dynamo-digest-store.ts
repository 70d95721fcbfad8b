import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './dynamo-query';
import type { DigestEntry, DigestStore } from '../cases/ports';
import { keys, ttlIn } from './keys';

const MAX_PAGES = 20;
/** An entry nobody could send for a month is dropped by TTL (the case itself stays, with its deadline). */
const RETENTION_DAYS = 30;

/** Digest entries: DIGEST#<school> / <createdAt>#<caseId>, so a school's pending entries read in time order. */
export class DynamoDigestStore implements DigestStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async add(entry: DigestEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.digestEntry(entry.schoolId, entry.createdAt, entry.caseId),
          type: 'digest-entry',
          ...entry,
          expiresAt: ttlIn(new Date(entry.createdAt), RETENTION_DAYS),
        },
      }),
    );
  }

  async listBefore(schoolId: string, before: Date): Promise<DigestEntry[]> {
    const items = await queryAll(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk < :before',
        ExpressionAttributeValues: { ':pk': keys.digestOf(schoolId), ':before': before.toISOString() },
        ConsistentRead: true,
      },
      MAX_PAGES,
    );
    return items.map((item) => ({ schoolId: String(item.schoolId), caseId: String(item.caseId), createdAt: String(item.createdAt) }));
  }

  async remove(entries: readonly DigestEntry[]): Promise<void> {
    for (const entry of entries) {
      await this.db.send(
        new DeleteCommand({ TableName: this.table, Key: keys.digestEntry(entry.schoolId, entry.createdAt, entry.caseId) }),
      );
    }
  }
}
