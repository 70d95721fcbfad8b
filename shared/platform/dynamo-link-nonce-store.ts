import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../domain/ports';
import type { LinkNonceStore } from '../cases/ports';
import { keys, ttlIn } from './keys';

/** Kept a day past the link's own expiry: by then the signature check refuses the link anyway. */
const KEEP_DAYS_AFTER_EXPIRY = 1;

/** Spent action-link nonces, LINK#<nonce>: a conditional put makes each link single-use. */
export class DynamoLinkNonceStore implements LinkNonceStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock,
  ) {}

  async spend(nonce: string, detail: { caseId: string; action: string; expiresAt: Date }): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.usedLink(nonce),
            type: 'used-link',
            caseId: detail.caseId,
            action: detail.action,
            usedAt: this.clock.now().toISOString(),
            expiresAt: ttlIn(detail.expiresAt, KEEP_DAYS_AFTER_EXPIRY),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async isSpent(nonce: string): Promise<boolean> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.usedLink(nonce), ConsistentRead: true }));
    return result.Item !== undefined;
  }

  async release(nonce: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.usedLink(nonce) }));
  }
}
