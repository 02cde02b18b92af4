/**
 * The overview's and a scope's figures for a closed named period (2026-10, 2026-Q3, 2026): the
 * engine's month buckets over the window, judged with the overdue backlog as it stood at its end (the
 * stored overdue spans), as for every past figure. No forecast and no "same time last period": those
 * belong to a period still running.
 */
import { toVnIso } from '../domain/time.js';
import { canSeeMetrics } from '../auth/policy.js';
import type { Principal } from '../auth/policy.js';
import { previousNamedPeriod, type ResolvedPeriod } from '../metrics/named-periods.js';
import type { Period, PeriodWindow, ScopeKey, ScopeMetrics } from '../metrics/types.js';
import type { DayInfo, OverviewResponse } from '../../shared/contract/api.js';
import { HttpError } from './errors.js';
import type { PastOverdue } from './past-overdue.js';
import { denied } from './principal.js';
import type { ReadDeps } from './read-routes.js';

export function createClosedMetrics(deps: ReadDeps, pastOverdue: PastOverdue) {
  const windowOf = (asked: ResolvedPeriod): PeriodWindow => ({ period: asked.kind as Period, from: asked.from, to: asked.to });

  /** A scope's metrics over a closed period, or null when the engine no longer keeps its months. */
  const metricsOf = (scope: ScopeKey, asked: ResolvedPeriod): ScopeMetrics | null => {
    const w = windowOf(asked);
    return deps.metrics.closedMetrics?.(scope, w.period, w, pastOverdue.atEndOf(scope, w)) ?? null;
  };
  const required = (scope: ScopeKey, asked: ResolvedPeriod): ScopeMetrics => {
    const m = metricsOf(scope, asked);
    if (m === null)
      throw new HttpError(400, 'invalid_query', `period: "${asked.name}" is older than the figures kept (from 1 January of last year)`);
    return m;
  };
  const previousOf = (scope: ScopeKey, asked: ResolvedPeriod) => metricsOf(scope, previousNamedPeriod(asked));
  const wireWindow = (asked: ResolvedPeriod) => ({
    period: asked.kind as Period,
    name: asked.name,
    from: toVnIso(asked.from),
    to: toVnIso(asked.to),
  });

  return {
    /** The overview for a closed period, filtered to what the principal may see. */
    overview(p: Principal, asked: ResolvedPeriod, dayInfo: (withCity: boolean) => DayInfo): OverviewResponse {
      const may = (scope: ScopeKey) => canSeeMetrics(p, scope, deps.policy);
      const units: OverviewResponse['units'] = {};
      for (const u of deps.jurisdiction.units) if (may(`unit:${u.code}`)) units[u.code] = required(`unit:${u.code}`, asked);
      const departments: OverviewResponse['departments'] = {};
      for (const d of deps.jurisdiction.departments) {
        if (may(`department:${d.code}`)) departments[d.code] = required(`department:${d.code}`, asked);
      }
      const city = may('city');
      if (!city && !Object.keys(units).length && !Object.keys(departments).length) throw denied(p, 'the overview');
      return {
        asOf: toVnIso(deps.now()),
        window: wireWindow(asked),
        city: city ? required('city', asked) : null,
        units,
        departments,
        previousCity: city ? previousOf('city', asked) : null,
        previousCityToDate: null,
        day: dayInfo(city),
        forecast: null,
      };
    },
    /** One scope's figures for a closed period: its window, metrics and the previous period's. */
    scope(scope: ScopeKey, asked: ResolvedPeriod) {
      return { window: windowOf(asked), wire: wireWindow(asked), metrics: required(scope, asked), previous: previousOf(scope, asked) };
    },
  };
}
