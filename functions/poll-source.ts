/** Consumes the poll queue: one record = one source to poll (partial batch failures via Powertools). */
import { PollRequestSchema, type MentionMessage } from '../shared/domain/messages';
import { systemClock } from '../shared/domain/ports';
import { pollSource, type PollSourceDeps } from '../shared/ingestion/poll-source';
import { tokenSource } from '../shared/ingestion/tokens';
import { dynamoDocumentClient, sesClient, sqsClient } from '../shared/platform/clients';
import { queueUrl, readSecret, tableName } from '../shared/platform/config';
import { DynamoEffectLedger } from '../shared/platform/dynamo-effect-ledger';
import { DynamoMentionStore } from '../shared/platform/dynamo-mention-store';
import { DynamoSourceRepository } from '../shared/platform/dynamo-source-repository';
import { NodeHttpFetcher } from '../shared/platform/http-fetcher';
import { logger } from '../shared/platform/logger';
import { METRIC } from '../shared/platform/metric-names';
import { publishCount } from '../shared/platform/metrics';
import { mailerFromSettings } from '../shared/platform/ses-mailer';
import { sqsBatchHandler } from '../shared/platform/sqs-batch';
import { SqsMessageQueue } from '../shared/platform/sqs-queue';

const table = tableName();
const db = dynamoDocumentClient();

const deps: PollSourceDeps = {
  sources: new DynamoSourceRepository(db, table),
  mentions: new DynamoMentionStore(db, table),
  queue: new SqsMessageQueue<MentionMessage>(sqsClient(), queueUrl('mentions')),
  http: NodeHttpFetcher.fromEnv(),
  tokens: tokenSource(() => readSecret('platform-tokens')),
  mailer: mailerFromSettings(sesClient()),
  ledger: new DynamoEffectLedger(db, table, systemClock),
  clock: systemClock,
  log: {
    info: (message, extra) => logger.info(message, extra ?? {}),
    warn: (message, extra) => logger.warn(message, extra ?? {}),
  },
};

export const handler = sqsBatchHandler(PollRequestSchema, async (request) => {
  const outcome = await pollSource(deps, request);
  if (outcome.status === 'polled') publishCount(METRIC.mentionsStored, outcome.created);
});
