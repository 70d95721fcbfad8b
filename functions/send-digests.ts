/** Scheduled: send each school's digest windows that have closed. */
import { sendDueDigests } from '../shared/cases/send-digests';
import { PartialRunError } from '../shared/cases/run-report';
import { caseContext } from '../shared/platform/dynamo-case-wiring';
import { describeError } from '../shared/platform/errors';
import { logger } from '../shared/platform/logger';

export const handler = async (): Promise<{ schools: number; emails: number; entries: number }> => {
  const { failures, ...counts } = await sendDueDigests(await caseContext());
  for (const f of failures) logger.error('digest failed', { schoolId: f.schoolId, error: describeError(f.error) });
  if (failures.length) throw new PartialRunError('send-digests', failures);
  logger.info('digests sent', counts);
  return counts;
};
