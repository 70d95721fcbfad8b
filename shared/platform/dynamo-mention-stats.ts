import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './dynamo-query';
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
    const items = await queryAll(
      this.db,
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
        ProjectionExpression: '#source',
        ExpressionAttributeNames: { '#source': 'sourceId' },
        ExpressionAttributeValues: { ':pk': keys.mentionsOfSchool(schoolId), ':since': since.toISOString() },
      },
      MAX_PAGES,
    );
    for (const { sourceId } of items) {
      if (typeof sourceId === 'string') counts.set(sourceId, (counts.get(sourceId) ?? 0) + 1);
    }
    return counts;
  }
}
