/** Shapes the overview's per-unit data once, for the map, tiles, table and charts (pure). */
import type { DepartmentInfo, UnitInfo } from '../../../shared/contract/api';
import { levelOf, type Level, type Thresholds } from '../../lib/color-scale';
import { compareWorstFirst, metricValue, type MapMetrics, type MetricKey } from '../../lib/metrics';

export interface UnitRow {
  code: string;
  name: string;
  nameEn: string;
  /** Phường / Xã / Đặc khu, or 'department'. */
  type: UnitInfo['type'] | 'department';
  metrics: MapMetrics | null;
  /** Value of the chosen metric (null: cannot be computed). */
  value: number | null;
  level: Level;
}

/** Rows of units (or departments) for one metric and thresholds. */
export function buildRows(
  items: readonly (UnitInfo | DepartmentInfo)[],
  metricsOf: (code: string) => MapMetrics | null | undefined,
  metric: MetricKey,
  thresholds: Thresholds,
): UnitRow[] {
  return items.map((u) => {
    const m = metricsOf(u.code) ?? null;
    const value = metricValue(m, metric);
    return {
      code: u.code,
      name: u.name,
      nameEn: u.nameEn,
      type: 'type' in u ? u.type : 'department',
      metrics: m,
      value,
      level: levelOf(metric, value, thresholds),
    };
  });
}

/** Whether two lists of rows draw the same (code, value and class in order): a live update often changes neither. */
export function sameRanking(a: readonly UnitRow[], b: readonly UnitRow[]): boolean {
  return a.length === b.length && a.every((r, i) => r.code === b[i].code && r.value === b[i].value && r.level === b[i].level);
}

/** The `n` worst rows by the metric (rows without a value are left out). */
export function worstRows(rows: readonly UnitRow[], metric: MetricKey, n: number): UnitRow[] {
  return rows
    .filter((r) => r.value != null)
    .sort((a, b) => compareWorstFirst(metric, a.value, b.value) || a.code.localeCompare(b.code))
    .slice(0, n);
}
