import type { ScheduledEvent } from 'aws-lambda';
import { LOCAL_REGION } from './emulators';

/** The event EventBridge Scheduler / a scheduled rule sends a Lambda function. */
export const scheduledEvent = (ruleName: string, at: Date): ScheduledEvent => ({
  version: '0',
  id: `local-${at.getTime()}-${ruleName}`,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region: LOCAL_REGION,
  resources: [`arn:aws:events:${LOCAL_REGION}:000000000000:rule/${ruleName}`],
  detail: {},
});
