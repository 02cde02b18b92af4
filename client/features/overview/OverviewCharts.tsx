/**
 * The overview's four charts, in a chunk of their own: Recharts is the largest library of the client,
 * and the map and KPIs a leader reads first should not wait for it.
 */
import type { UnitDetailResponse } from '../../../shared/contract/api';
import type { MetricKey } from '../../lib/metrics';
import { FieldChart } from './charts/FieldChart';
import { HistogramChart } from './charts/HistogramChart';
import { TrendChart } from './charts/TrendChart';
import { WorstUnitsChart } from './charts/WorstUnitsChart';
import type { UnitRow } from './unit-rows';

export interface OverviewChartsProps {
  detail: UnitDetailResponse | null;
  loading: boolean;
  error: string | null;
  worst: UnitRow[];
  metric: MetricKey;
  onSelect(code: string): void;
}

/** Stable empty lists while the city detail loads: the memoised charts then skip the live updates. */
const NO_POINTS: never[] = [];

export function OverviewCharts({ detail, loading, error, worst, metric, onSelect }: OverviewChartsProps) {
  return (
    <>
      <TrendChart trend={detail?.trend ?? NO_POINTS} loading={loading} error={error} />
      <WorstUnitsChart rows={worst} metric={metric} onSelect={onSelect} />
      <FieldChart byField={detail?.byField ?? NO_POINTS} loading={loading} error={error} />
      <HistogramChart bins={detail?.processingHistogram ?? NO_POINTS} loading={loading} error={error} />
    </>
  );
}
