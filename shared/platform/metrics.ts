/**
 * Business metrics as CloudWatch Embedded Metric Format log lines (Powertools Metrics): no API call,
 * no extra latency. The local runtime sets POWERTOOLS_METRICS_DISABLED so the timeline stays readable.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { CATEGORY_DIMENSION, METRICS_NAMESPACE, SERVICE_NAME, type MetricName } from './metric-names';

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

/** Records a count and publishes it at once (handlers call this at the end of their work). */
export const publishCount = (name: MetricName, value: number): void => {
  if (value <= 0 && name !== 'OpenCases') return;
  metrics.addMetric(name, MetricUnit.Count, value);
  metrics.publishStoredMetrics();
};

/** One count per category id, each under its own Category dimension. */
export const publishCategoryCounts = (name: MetricName, counts: Readonly<Record<string, number>>): void => {
  for (const [category, value] of Object.entries(counts)) {
    if (value <= 0) continue;
    const single = metrics.singleMetric();
    single.addDimension(CATEGORY_DIMENSION, category);
    single.addMetric(name, MetricUnit.Count, value);
  }
};
