import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue } from '../domain/ports';
import { UpstreamError } from './errors';

const SQS_BATCH_LIMIT = 10;

/** A MessageQueue on SQS: JSON bodies, sent in batches of ten; any failed entry throws (so the caller retries). */
export class SqsMessageQueue<T> implements MessageQueue<T> {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    /** Optional per-message delay, e.g. to spread polls. */
    private readonly delaySeconds?: (message: T) => number,
  ) {}

  async send(messages: readonly T[]): Promise<void> {
    for (let start = 0; start < messages.length; start += SQS_BATCH_LIMIT) {
      const chunk = messages.slice(start, start + SQS_BATCH_LIMIT);
      const result = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: chunk.map((message, index) => ({
            Id: String(index),
            MessageBody: JSON.stringify(message),
            DelaySeconds: this.delaySeconds?.(message),
          })),
        }),
      );
      const failed = result.Failed ?? [];
      if (failed.length > 0) {
        const reasons = failed.map((f) => `${f.Code}: ${f.Message}`).join('; ');
        throw new UpstreamError(`SQS refused ${failed.length} of ${chunk.length} messages (${reasons})`);
      }
    }
  }
}
