/** Alerts queue consumer: one case per alert, then one email (critical/high) or one digest entry. */
import { AlertMessageSchema } from '../shared/domain/messages';
import { handleAlert } from '../shared/cases/handle-alert';
import { caseContext } from '../shared/platform/dynamo-case-wiring';
import { logger } from '../shared/platform/logger';
import { sqsBatchHandler } from '../shared/platform/sqs-batch';

export const handler = sqsBatchHandler(AlertMessageSchema, async (alert, record) => {
  const { mention } = alert;
  const outcome = await handleAlert(await caseContext(), alert);
  const ids = { schoolId: mention.schoolId, sourceId: mention.sourceId, mentionId: mention.id, messageId: record.messageId };
  if (outcome.kind === 'ignored') {
    logger.warn('alert ignored', { ...ids, reason: outcome.reason });
    return;
  }
  logger.info('alert handled', { ...ids, caseId: outcome.caseId, created: outcome.created, delivery: outcome.delivery });
});
