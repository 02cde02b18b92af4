/**
 * The map metrics a leader can colour the city by, and how to read each one from ScopeMetrics.
 */
import type { ScopeMetrics } from '../../shared/contract/metrics';
import type { Formatters } from './format';

export const METRIC_KEYS = ['onTimeRate', 'overdue', 'overduePer1000', 'dueSoon', 'buckPassingPer1000', 'dataTrust'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export function isMetricKey(value: unknown): value is MetricKey {
  return typeof value === 'string' && (METRIC_KEYS as readonly string[]).includes(value);
}

/** Whether a larger value is better (on-time rate) or worse (overdue counts). */
export const HIGHER_IS_BETTER: Record<MetricKey, boolean> = {
  onTimeRate: true,
  overdue: false,
  overduePer1000: false,
  dueSoon: false,
  buckPassingPer1000: false,
  dataTrust: true,
};

/**
 * A scope's metrics as the map reads them: the live ScopeMetrics, and beside them (never inside: flags
 * do not change the metrics) the data-trust figure of GET /data-trust when the map shows it.
 */
export type MapMetrics = ScopeMetrics & { dataTrust?: number | null };

/**
 * The value of a metric for one scope; null when it cannot be computed (nothing to judge,
 * nothing received), never an invented zero.
 * - onTimeRate: ratio in [0, 1]
 * - overdue, dueSoon: dossiers open now
 * - overduePer1000: open overdue dossiers per 1,000 dossiers received in the period
 * - buckPassingPer1000: buck-passing cases found in the dossiers received in the period, per 1,000 of
 *   them (one population above and below the line)
 * - dataTrust: the data-trust figure, 0–100 (shared/contract/data-trust.ts DataTrustFigure.trust)
 */
export function metricValue(m: MapMetrics | null | undefined, key: MetricKey): number | null {
  if (!m) return null;
  switch (key) {
    case 'onTimeRate':
      return m.onTimeRate;
    case 'overdue':
      return m.overdue;
    case 'dueSoon':
      return m.dueSoon;
    case 'overduePer1000':
      return m.received > 0 ? (m.overdue / m.received) * 1000 : null;
    case 'buckPassingPer1000':
      return m.received > 0 ? (m.buckPassingCases / m.received) * 1000 : null;
    case 'dataTrust':
      return m.dataTrust ?? null;
  }
}

/**
 * A metric value as text: `96,3%`, `1.204`, `12,5`. `column`: in a ranked list or table column, a rate per
 * 1,000 or a trust score keeps its one decimal (`7,0`), so the column aligns; elsewhere (legends, tooltips) `7`.
 */
export function formatMetric(key: MetricKey, value: number | null, f: Formatters, column = false): string {
  if (key === 'onTimeRate') return f.percent(value);
  if (key === 'overduePer1000' || key === 'buckPassingPer1000' || key === 'dataTrust') return column ? f.fixed(value) : f.number(value, 1);
  return f.count(value);
}

/**
 * Sorts so the worst comes first (lowest on-time rate, highest overdue); scopes without a
 * value go last, ties by `tieBreak`.
 */
export function compareWorstFirst(key: MetricKey, a: number | null, b: number | null): number {
  if (a == null && b == null) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  return HIGHER_IS_BETTER[key] ? a - b : b - a;
}
