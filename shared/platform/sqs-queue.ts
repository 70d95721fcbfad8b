import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue } from '../domain/ports';
import { UpstreamError } from './errors';

const SQS_BATCH_LIMIT = 10;

/** Characters SQS accepts in a body, as UTF-16 code units (astral characters are escaped below). */
const OUTSIDE_SQS_CHARSET = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/g;

/**
 * JSON with every character SQS might refuse written as a \uXXXX escape: U+FFFE/U+FFFF, lone
 * surrogates, and astral characters such as emoji (🔪 becomes \ud83d\udd2a). The JSON means the same
 * thing; the body is safe on SQS and on emulators that check UTF-16 code units.
 */
export const toSqsBody = (message: unknown): string =>
  JSON.stringify(message).replace(OUTSIDE_SQS_CHARSET, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

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
            MessageBody: toSqsBody(message),
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
