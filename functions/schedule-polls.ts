/** Every minute (EventBridge schedule): enqueue a PollRequest for each source that is due. */
import type { ScheduledEvent } from 'aws-lambda';
import type { PollRequest } from '../shared/domain/messages';
import { systemClock } from '../shared/domain/ports';
import { scheduleDuePolls } from '../shared/ingestion/schedule-polls';
import { dynamoDocumentClient, sqsClient } from '../shared/platform/clients';
import { queueUrl, tableName } from '../shared/platform/config';
import { DynamoSourceRepository } from '../shared/platform/dynamo-source-repository';
import { logger } from '../shared/platform/logger';
import { SqsMessageQueue } from '../shared/platform/sqs-queue';

const deps = {
  sources: new DynamoSourceRepository(dynamoDocumentClient(), tableName()),
  queue: new SqsMessageQueue<PollRequest>(sqsClient(), queueUrl('poll')),
  clock: systemClock,
};

export const handler = async (event?: Partial<ScheduledEvent>): Promise<{ due: number; enqueued: number }> => {
  const result = await scheduleDuePolls(deps);
  logger.info('poll requests enqueued', { ...result, scheduledTime: event?.time });
  return result;
};
