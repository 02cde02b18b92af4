import type { DepartmentInfo, RecentAlertsResponse, UnitInfo } from '../../../../shared/contract/api';
import type { Period, ScopeKey, ScopeMetrics } from '../../../../shared/contract/metrics';
import type { MetricKey } from '../../../lib/metrics';
import type { WallAlert } from '../buffers';
import type { TrendSample } from '../hooks';

/** What every scene is drawn from (each takes the part it needs). */
export interface SceneData {
  scope: ScopeKey;
  /** Name of the scope (the city, or the unit or department). */
  scopeName: string;
  metrics: Partial<Record<ScopeKey, ScopeMetrics>>;
  units: readonly UnitInfo[];
  departments: readonly DepartmentInfo[];
  metric: MetricKey;
  period: Period;
  alerts: readonly WallAlert[];
  /** Units with a fresh alert (their tiles pulse) and a counter that restarts the pulse. */
  pulsing: readonly string[];
  pulseCount: number;
  trend: readonly TrendSample[];
  /** The server's current day in Vietnam (`2026-11-20`), for dating feed items. */
  today: string | null;
  /** Counts of items that became overdue in the last hour and today (null: not loaded yet). */
  newlyOverdue: RecentAlertsResponse['newlyOverdue'] | null;
  /** No display token: the public view. */
  anonymous: boolean;
}
