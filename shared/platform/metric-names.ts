/**
 * The business metrics, named once: the functions emit them (shared/platform/metrics.ts, Powertools
 * Metrics / EMF) and the operations stack's alarms and dashboard read them (infra/operations-*.ts).
 *
 *   metric           emitted by          dimensions             meaning
 *   MentionsStored   poll-source         service                new mentions written
 *   MentionsFlagged  classify-mentions   service, Category      mentions flagged, per category id
 *   OpenCases        sla-monitor         service                open cases at the end of a run (gauge)
 *   SlaMet           case-action         service                cases first answered before their deadline
 *   SlaBreaches      sla-monitor         service                cases whose deadline passed unanswered (once per case)
 */
export const METRICS_NAMESPACE = 'SchoolMentionMonitor';
export const SERVICE_NAME = 'school-mention-monitor';

export const METRIC = {
  mentionsStored: 'MentionsStored',
  mentionsFlagged: 'MentionsFlagged',
  openCases: 'OpenCases',
  slaMet: 'SlaMet',
  slaBreaches: 'SlaBreaches',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

export const CATEGORY_DIMENSION = 'Category';
