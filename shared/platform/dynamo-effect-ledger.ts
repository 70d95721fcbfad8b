import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock, EffectLedger } from '../domain/ports';
import { keys, ttlIn } from './keys';

const LEDGER_RETENTION_DAYS = 400;

/**
 * Exactly-once side effects with single-item conditional writes (no transactions needed):
 * claim → do the effect → complete. A claim succeeds only if there is no record, or a claim whose
 * lease ran out without completing (the run that made it crashed before sending).
 */
export class DynamoEffectLedger implements EffectLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock,
  ) {}

  async claim(key: string, leaseSeconds: number): Promise<boolean> {
    const now = this.clock.now();
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.effect(key),
            type: 'effect',
            state: 'claimed',
            claimedAt: now.toISOString(),
            leaseUntil: now.getTime() + leaseSeconds * 1000,
            expiresAt: ttlIn(now, LEDGER_RETENTION_DAYS),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':now': now.getTime() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async complete(key: string, detail: Record<string, string> = {}): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.effect(key),
        UpdateExpression: 'SET #state = :done, completedAt = :at, detail = :detail',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':done': 'done', ':at': this.clock.now().toISOString(), ':detail': detail },
      }),
    );
  }

  async release(key: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({
        TableName: this.table,
        Key: keys.effect(key),
        ConditionExpression: '#state = :claimed',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':claimed': 'claimed' },
      }),
    ).catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }
}
