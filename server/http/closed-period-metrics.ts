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
import type { OverviewResponse } from '../../shared/contract/api.js';
import { HttpError } from './errors.js';
import type { PastFigures } from './past-figures.js';
import { countsOf, type OverdueCounts } from './past-overdue.js';
import { denied } from './principal.js';
import type { ReadDeps } from './read-routes.js';

/** A closed period and the overdue backlog per scope at its end (read from the store first). */
interface Judged {
  asked: ResolvedPeriod;
  backlog: ReadonlyMap<ScopeKey, OverdueCounts>;
}

export function createClosedMetrics(deps: ReadDeps, past: PastFigures) {
  const windowOf = (asked: ResolvedPeriod): PeriodWindow => ({ period: asked.kind as Period, from: asked.from, to: asked.to });
  /** The period asked and the one before it, each with its backlog at its end. */
  const judged = async (asked: ResolvedPeriod): Promise<[Judged, Judged]> => {
    const previous = previousNamedPeriod(asked);
    const [now, before] = await Promise.all([past.atEndOf(windowOf(asked)), past.atEndOf(windowOf(previous))]);
    return [
      { asked, backlog: now },
      { asked: previous, backlog: before },
    ];
  };

  /** A scope's metrics over a closed period, or null when the engine no longer keeps its months. */
  const metricsOf = (scope: ScopeKey, j: Judged): ScopeMetrics | null => {
    const w = windowOf(j.asked);
    return deps.metrics.closedMetrics?.(scope, w.period, w, countsOf(j.backlog, scope)) ?? null;
  };
  const required = (scope: ScopeKey, j: Judged): ScopeMetrics => {
    const m = metricsOf(scope, j);
    if (m === null)
      throw new HttpError(400, 'invalid_query', `period: "${j.asked.name}" is older than the figures kept (from 1 January of last year)`);
    return m;
  };
  const wireWindow = (asked: ResolvedPeriod) => ({
    period: asked.kind as Period,
    name: asked.name,
    from: toVnIso(asked.from),
    to: toVnIso(asked.to),
  });

  return {
    /** The overview for a closed period, filtered to what the principal may see. */
    async overview(p: Principal, asked: ResolvedPeriod): Promise<OverviewResponse> {
      const may = (scope: ScopeKey) => canSeeMetrics(p, scope, deps.policy);
      const [j, before] = await judged(asked);
      const day = await past.dayAt(deps.now(), may('city'));
      const units: OverviewResponse['units'] = {};
      for (const u of deps.jurisdiction.units) if (may(`unit:${u.code}`)) units[u.code] = required(`unit:${u.code}`, j);
      const departments: OverviewResponse['departments'] = {};
      for (const d of deps.jurisdiction.departments) {
        if (may(`department:${d.code}`)) departments[d.code] = required(`department:${d.code}`, j);
      }
      const city = may('city');
      if (!city && !Object.keys(units).length && !Object.keys(departments).length) throw denied(p, 'the overview');
      return {
        asOf: toVnIso(deps.now()),
        window: wireWindow(asked),
        city: city ? required('city', j) : null,
        units,
        departments,
        previousCity: city ? metricsOf('city', before) : null,
        previousCityToDate: null,
        day: past.dayInfo(city, 'city', day),
        forecast: null,
      };
    },
    /** One scope's figures for a closed period: its window, metrics and the previous period's. */
    async scope(scope: ScopeKey, asked: ResolvedPeriod) {
      const [j, before] = await judged(asked);
      return { window: windowOf(asked), wire: wireWindow(asked), metrics: required(scope, j), previous: metricsOf(scope, before) };
    },
  };
}
