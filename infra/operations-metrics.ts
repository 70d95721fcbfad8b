/**
 * The business metrics the functions emit with Powertools Metrics (EMF) and the operations stack
 * reads. Powertools adds a `service` dimension to every metric; the alarm and the dashboard ask for
 * exactly these dimension sets, so an emitter that adds another dimension would not be seen.
 *
 *   metric           emitted by          unit   dimensions             meaning
 *   MentionsStored   poll-source         Count  service                new mentions written
 *   MentionsFlagged  classify-mentions   Count  service, Category      mentions flagged, per category id
 *   OpenCases        sla-monitor         Count  service                open cases at the end of a run (gauge)
 *   SlaMet           case-action         Count  service                cases first answered before their deadline
 *   SlaBreaches      sla-monitor         Count  service                cases whose deadline passed unanswered (once per case)
 */
import { SERVICE_NAME } from './constructs/function-environment';

export const METRICS_NAMESPACE = 'SchoolMentionMonitor';

export const METRIC = {
  mentionsStored: 'MentionsStored',
  mentionsFlagged: 'MentionsFlagged',
  openCases: 'OpenCases',
  slaMet: 'SlaMet',
  slaBreaches: 'SlaBreaches',
} as const;

export const CATEGORY_DIMENSION = 'Category';

export const SERVICE_DIMENSIONS = { service: SERVICE_NAME } as const;
