/** Scheduled (Monday morning): the weekly summary email to each school's senior leadership. */
import { PartialRunError } from '../shared/cases/run-report';
import { sendWeeklySummaries } from '../shared/cases/weekly-summary';
import { caseAdapters } from '../shared/platform/dynamo-case-wiring';
import { describeError } from '../shared/platform/errors';
import { logger } from '../shared/platform/logger';

export const handler = async (): Promise<{ schools: number; emails: number }> => {
  const adapters = caseAdapters();
  const { failures, ...counts } = await sendWeeklySummaries(adapters, adapters.mentions);
  for (const f of failures) logger.error('weekly summary failed', { schoolId: f.schoolId, error: describeError(f.error) });
  if (failures.length) throw new PartialRunError('weekly-summary', failures);
  logger.info('weekly summaries sent', counts);
  return counts;
};
