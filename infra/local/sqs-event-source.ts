/**
 * What Lambda's SQS event source mapping does, done locally: long-poll a queue, hand the handler a
 * real SQSEvent, delete the records that succeeded and leave the ones named in batchItemFailures (or
 * the whole batch, if the handler threw) to reappear after the visibility timeout. The queue's
 * redrive policy moves a record that keeps failing to its DLQ (fauxqs implements maxReceiveCount).
 */
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

export interface BatchOutcome {
  received: number;
  succeeded: number;
  failed: number;
  /** Set when the handler threw instead of answering with batchItemFailures. */
  error?: unknown;
}

export interface SqsEventSourceOptions {
  client: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  batchSize: number;
  handler: SqsHandler;
  /** Long-poll wait; short locally so a stop is quick. */
  waitTimeSeconds?: number;
  onBatch?: (outcome: BatchOutcome) => void;
}

export const toSqsRecord = (message: Message, queueArn: string, region: string): SQSRecord => {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
};

export class SqsEventSource {
  private running = false;
  private loop?: Promise<void>;

  constructor(private readonly options: SqsEventSourceOptions) {}

  /** Receives one batch (waiting up to waitTimeSeconds) and runs the handler on it. */
  async pollOnce(waitTimeSeconds = this.options.waitTimeSeconds ?? 1): Promise<BatchOutcome> {
    const { client, queueUrl, queueArn, region, batchSize, handler } = this.options;
    const received = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: batchSize,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return { received: 0, succeeded: 0, failed: 0 };
    const records = messages.map((m) => toSqsRecord(m, queueArn, region));
    let failedIds: Set<string>;
    let error: unknown;
    try {
      const response = await handler({ Records: records });
      failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (thrown) {
      // Lambda treats a thrown error as the whole batch failing.
      error = thrown;
      failedIds = new Set(records.map((r) => r.messageId));
    }
    const succeeded = records.filter((r) => !failedIds.has(r.messageId));
    if (succeeded.length > 0) {
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: succeeded.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
        }),
      );
    }
    const outcome: BatchOutcome = { received: records.length, succeeded: succeeded.length, failed: failedIds.size, error };
    this.options.onBatch?.(outcome);
    return outcome;
  }

  /** Messages visible, in flight and delayed: 0 means the queue is drained. */
  async depth(): Promise<number> {
    const result = await this.options.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: this.options.queueUrl,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    );
    const a = result.Attributes ?? {};
    return (
      Number(a.ApproximateNumberOfMessages ?? 0) +
      Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) +
      Number(a.ApproximateNumberOfMessagesDelayed ?? 0)
    );
  }

  /** Processes batches until nothing is visible (in-flight failures wait out their visibility timeout). */
  async drainVisible(maxBatches = 1000): Promise<BatchOutcome> {
    const total: BatchOutcome = { received: 0, succeeded: 0, failed: 0 };
    for (let i = 0; i < maxBatches; i++) {
      const outcome = await this.pollOnce(0);
      if (outcome.received === 0) break;
      total.received += outcome.received;
      total.succeeded += outcome.succeeded;
      total.failed += outcome.failed;
    }
    return total;
  }

  start(onError: (error: unknown) => void): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.pollOnce();
        } catch (error) {
          onError(error);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
