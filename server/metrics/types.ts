/**
 * Metric shapes. Those on the wire (periods, scope keys, ScopeMetrics) are defined once in the
 * contract and re-exported here for the engine; PeriodWindow (epoch ms) is the server's own.
 */
import type { Period } from '../../shared/contract/metrics.js';

export { PERIODS } from '../../shared/contract/metrics.js';
export type { OnTimeRateBasis, Period, ScopeKey, ScopeMetrics, TaskCounters } from '../../shared/contract/metrics.js';

export interface PeriodWindow {
  period: Period;
  /** Inclusive start, epoch ms. */
  from: number;
  /** Exclusive end, epoch ms. */
  to: number;
}
