/**
 * SQS consumers: Powertools' BatchProcessor + processPartialResponse. The record handler throws on
 * failure; the processor answers with batchItemFailures so only the failed records come back. A
 * malformed message fails its record too: after maxReceiveCount deliveries it rests in the DLQ,
 * where it can be inspected — it is never silently dropped.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { describeError, ValidationError } from './errors';
import { logger } from './logger';

export type RecordHandler<T> = (message: T, record: SQSRecord) => Promise<void>;

export const parseMessage = <T>(schema: z.ZodType<T>, record: SQSRecord): T => {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new ValidationError(`Message ${record.messageId} is not JSON`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(`Message ${record.messageId} has the wrong shape: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
};

export const sqsBatchHandler = <T>(schema: z.ZodType<T>, handle: RecordHandler<T>) => {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      await handle(parseMessage(schema, record), record);
    } catch (error) {
      logger.error('record failed', {
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        error: describeError(error),
      });
      throw error;
    }
  };
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, recordHandler, processor, { context: context as Context });
};
