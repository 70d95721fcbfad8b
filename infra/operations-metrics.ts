/** The metric names live in shared/platform/metric-names.ts (emitters and readers share them). */
import { SERVICE_NAME } from '../shared/platform/metric-names';

export { CATEGORY_DIMENSION, METRIC, METRICS_NAMESPACE } from '../shared/platform/metric-names';

export const SERVICE_DIMENSIONS = { service: SERVICE_NAME } as const;
