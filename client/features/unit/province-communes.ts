/** The communes of a province's page, ranked (pure: the component draws what this returns). */
import type { UnitInfo } from '../../../shared/contract/api';
import type { ScopeMetrics } from '../../../shared/contract/metrics';
import { compareVi } from '../../lib/collate';

export interface RankedCommune {
  /** 1 = the most overdue dossiers. */
  rank: number;
  unit: UnitInfo;
  metrics: ScopeMetrics | null;
}

/**
 * The province's communes, worst first: most overdue dossiers, then lowest on-time rate (none last), then
 * by name. Communes the answer has no figures for (not visible to the asker) are left out.
 */
export function rankCommunes(
  units: readonly UnitInfo[],
  province: string,
  metricsOf: Readonly<Record<string, ScopeMetrics>>,
): RankedCommune[] {
  const rows = units
    .filter((u) => u.province === province && metricsOf[u.code] !== undefined)
    .map((u) => ({ unit: u, metrics: metricsOf[u.code] }));
  rows.sort(
    (a, b) =>
      b.metrics.overdue - a.metrics.overdue ||
      (a.metrics.onTimeRate ?? 2) - (b.metrics.onTimeRate ?? 2) ||
      compareVi(a.unit.name, b.unit.name),
  );
  return rows.map((r, i) => ({ rank: i + 1, ...r }));
}
