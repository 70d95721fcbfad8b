/** Scheduled: reminders before the response deadline, escalations after it, each exactly once. */
import { runSlaCheck } from '../shared/cases/sla-check';
import { PartialRunError } from '../shared/cases/run-report';
import { caseContext } from '../shared/platform/dynamo-case-wiring';
import { describeError } from '../shared/platform/errors';
import { logger } from '../shared/platform/logger';

export const handler = async (): Promise<{ schools: number; openCases: number; reminders: number; escalations: number }> => {
  const { failures, ...counts } = await runSlaCheck(await caseContext());
  for (const f of failures) {
    logger.error('SLA check failed', { schoolId: f.schoolId, caseId: f.caseId, error: describeError(f.error) });
  }
  if (failures.length) throw new PartialRunError('sla-monitor', failures);
  logger.info('SLA check done', counts);
  return counts;
};
