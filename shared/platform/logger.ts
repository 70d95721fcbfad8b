import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger. Keys: schoolId, sourceId, mentionId, caseId (append with
 * logger.appendKeys / pass as extra fields). Level from POWERTOOLS_LOG_LEVEL (the local runtime sets
 * WARN so `npm start` shows its own timeline, not JSON lines).
 */
export const logger = new Logger({ serviceName: 'school-mention-monitor' });
