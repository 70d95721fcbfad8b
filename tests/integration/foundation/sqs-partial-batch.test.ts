import { ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  LOCAL_REGION,
  localSqsClient,
  provisionResources,
  startEmulators,
  type Emulators,
  type Provisioned,
  type ProvisionedQueue,
} from '../../../infra/local/emulators';
import { SqsEventSource, type SqsHandler } from '../../../infra/local/sqs-event-source';
import { sqsBatchHandler } from '../../../shared/platform/sqs-batch';
import { QUEUES } from '../../../shared/platform/resources';

const Message = z.object({ n: z.number() });

describe('SQS event source with partial batch failures (real SDK against fauxqs)', () => {
  let emulators: Emulators;
  let provisioned: Provisioned;
  let sqs: SQSClient;

  beforeAll(async () => {
    emulators = await startEmulators();
    provisioned = await provisionResources(emulators, { visibilityTimeoutSeconds: () => 1 });
    sqs = localSqsClient(emulators);
  });

  const eventSourceFor = (queue: ProvisionedQueue, handler: SqsHandler) =>
    new SqsEventSource({
      client: sqs,
      queueUrl: queue.url,
      queueArn: `arn:aws:sqs:${LOCAL_REGION}:000000000000:${queue.definition.id}`,
      region: LOCAL_REGION,
      batchSize: 10,
      handler,
    });

  afterAll(async () => {
    sqs.destroy();
    await emulators.stop();
  });

  it('redelivers only the record that failed, and moves a record that keeps failing to the DLQ', async () => {
    const queue = provisioned.queues.alerts;
    const deliveries = new Map<number, number>();
    const handler = sqsBatchHandler(Message, async ({ n }) => {
      deliveries.set(n, (deliveries.get(n) ?? 0) + 1);
      if (n === 3) throw new Error('record 3 always fails');
    });
    const source = eventSourceFor(queue, handler);
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [1, 2, 3, 4, 5].map((n) => ({ Id: `m${n}`, MessageBody: JSON.stringify({ n }) })),
      }),
    );

    const first = await source.pollOnce(1);
    expect(first).toMatchObject({ received: 5, succeeded: 4, failed: 1 });

    // Keep polling past the visibility timeout until the poison record is dead-lettered (bounded).
    const maxReceive = QUEUES.alerts.maxReceiveCount;
    for (let attempt = 0; attempt < maxReceive * 4 && (await source.depth()) > 0; attempt++) {
      await source.pollOnce(2);
    }

    expect(deliveries.get(3)).toBe(maxReceive);
    for (const n of [1, 2, 4, 5]) expect(deliveries.get(n)).toBe(1);
    const dlq = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.dlqUrl, MaxNumberOfMessages: 10 }));
    expect(dlq.Messages?.map((m) => JSON.parse(m.Body!))).toEqual([{ n: 3 }]);
    expect(await source.depth()).toBe(0);
  });

  it('a malformed message fails its record instead of being dropped', async () => {
    const queue = provisioned.queues.mentions;
    const seen: number[] = [];
    const handler = sqsBatchHandler(Message, async ({ n }) => {
      seen.push(n);
    });
    const source = eventSourceFor(queue, handler);
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: 'good', MessageBody: JSON.stringify({ n: 7 }) },
          { Id: 'not-json', MessageBody: '{oops' },
          { Id: 'wrong-shape', MessageBody: JSON.stringify({ n: 'seven' }) },
        ],
      }),
    );
    const outcome = await source.pollOnce(1);
    expect(outcome).toMatchObject({ received: 3, succeeded: 1, failed: 2 });
    expect(seen).toEqual([7]);
    expect(await source.depth()).toBe(2);
  });
});
