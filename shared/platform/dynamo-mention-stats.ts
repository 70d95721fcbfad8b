import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MentionStats } from '../cases/ports';
import { keys } from './keys';

const MAX_PAGES = 100;

/**
 * Mentions per source over a period, from the MENTIONS#<school> index (sorted by fetchedAt). Only the
 * source id is read (DynamoMentionStore spreads the Mention's fields onto the item).
 */
export class DynamoMentionStats implements MentionStats {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async countBySource(schoolId: string, since: Date): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
          ProjectionExpression: '#source',
          ExpressionAttributeNames: { '#source': 'sourceId' },
          ExpressionAttributeValues: { ':pk': keys.mentionsOfSchool(schoolId), ':since': since.toISOString() },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        const sourceId = item.sourceId;
        if (typeof sourceId === 'string') counts.set(sourceId, (counts.get(sourceId) ?? 0) + 1);
      }
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return counts;
  }
}
