/**
 * The CloudWatch dashboard: what the product sees (mentions, flags by category, open cases, SLA met %)
 * from the business metrics in operations-metrics.ts, then the plumbing (errors, DLQ depth, alarms).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { CATEGORY_IDS } from '../shared/domain/policy';
import type { MonitoredFunction } from './constructs/monitored-function';
import { CATEGORY_DIMENSION, METRIC, METRICS_NAMESPACE, SERVICE_DIMENSIONS } from './operations-metrics';

export interface DashboardInputs {
  functions: MonitoredFunction[];
  deadLetterQueues: [string, sqs.IQueue][];
  alarms: cloudwatch.IAlarm[];
}

const HOUR = Duration.hours(1);
const DAY = Duration.days(1);

const business = (metricName: string, statistic: string, period: Duration, extra: Record<string, string> = {}) =>
  new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { ...SERVICE_DIMENSIONS, ...extra },
    statistic,
    period,
  });

export const buildDashboard = (scope: Construct, inputs: DashboardInputs): cloudwatch.Dashboard => {
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', {
    defaultInterval: Duration.days(7),
  });

  const slaMetPercent = new cloudwatch.MathExpression({
    label: 'SLA met %',
    expression: 'IF(met + breached > 0, 100 * met / (met + breached))',
    usingMetrics: {
      met: business(METRIC.slaMet, 'Sum', DAY),
      breached: business(METRIC.slaBreaches, 'Sum', DAY),
    },
    period: DAY,
  });

  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Mentions stored (per hour)',
      left: [business(METRIC.mentionsStored, 'Sum', HOUR)],
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'Flags by category (per hour)',
      left: CATEGORY_IDS.map((category) =>
        business(METRIC.mentionsFlagged, 'Sum', HOUR, { [CATEGORY_DIMENSION]: category }).with({ label: category }),
      ),
      stacked: true,
      width: 12,
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Open cases',
      left: [business(METRIC.openCases, 'Maximum', HOUR)],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'SLA met % (daily)',
      left: [slaMetPercent],
      leftYAxis: { min: 0, max: 100 },
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Cases answered in time vs breached (daily)',
      left: [business(METRIC.slaMet, 'Sum', DAY), business(METRIC.slaBreaches, 'Sum', DAY)],
      width: 8,
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Function errors',
      left: inputs.functions.map((fn) =>
        fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum', label: fn.definition.name }),
      ),
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'Dead-letter queue depth',
      left: inputs.deadLetterQueues.map(([name, dlq]) =>
        dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum', label: name }),
      ),
      width: 12,
    }),
  );
  dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: inputs.alarms, width: 24 }));
  return dashboard;
};
