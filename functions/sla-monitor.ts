/** Scheduled: reminders before the response deadline, escalations after it, each exactly once. */
import { runSlaCheck, type SlaReport } from '../shared/cases/sla-check';
import { PartialRunError } from '../shared/cases/run-report';
import { caseContext } from '../shared/platform/dynamo-case-wiring';
import { describeError } from '../shared/platform/errors';
import { logger } from '../shared/platform/logger';
import { METRIC } from '../shared/platform/metric-names';
import { publishCount } from '../shared/platform/metrics';

export const handler = async (): Promise<Omit<SlaReport, 'failures'>> => {
  const { failures, ...counts } = await runSlaCheck(await caseContext());
  for (const f of failures) {
    logger.error('SLA check failed', { schoolId: f.schoolId, caseId: f.caseId, error: describeError(f.error) });
  }
  publishCount(METRIC.openCases, counts.openCases);
  publishCount(METRIC.slaBreaches, counts.breaches);
  if (failures.length) throw new PartialRunError('sla-monitor', failures);
  logger.info('SLA check done', counts);
  return counts;
};
