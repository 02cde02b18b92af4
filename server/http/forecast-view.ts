/**
 * The forecast of the overview and the unit page on the wire: the early-warning index's counts at the
 * horizons, the engine's overdue count now, and the period's on-time rate judged at its end if nothing
 * more is finished (metrics/forecast.ts). Reads memory only: a few dozen additions per scope.
 */
import type { ForecastResponse, ScopeForecast, ScopeForecastView } from '../../shared/contract/early-warning.js';
import { officeCloseMs } from '../domain/forecast.js';
import { toVnIso } from '../domain/time.js';
import type { DomainSettings, WorkCalendar } from '../domain/types.js';
import type { EarlyWarningIndex } from '../metrics/early-warning-index.js';
import { forecastHorizons, horizonsWire, projectedOnTimeRate, type Horizons } from '../metrics/forecast.js';
import type { Period, ScopeKey, ScopeMetrics } from '../metrics/types.js';

export interface ForecastDeps {
  warnings: Pick<EarlyWarningIndex, 'forecast'>;
  metrics: { metrics(scope: ScopeKey, period: Period): ScopeMetrics };
  calendar: WorkCalendar;
  settings: DomainSettings;
}

/** One scope's forecast at the horizons. */
export function scopeForecast(deps: ForecastDeps, scope: ScopeKey, h: Horizons): ScopeForecast {
  const c = deps.warnings.forecast(scope, h);
  const m = deps.metrics.metrics(scope, h.periodEnd.period);
  const overdueAtEnd = h.periodEnd.basis === 'new' ? c.periodNew : c.periodEnd;
  return {
    overdueNow: m.overdue,
    today: c.today,
    nextWorkingDay: c.nextWorkingDay,
    week: c.week,
    onTimeRate: projectedOnTimeRate(m, overdueAtEnd),
    onTimeRateOverdue: overdueAtEnd,
    atRisk: c.atRisk,
  };
}

/** The horizons at `now` for `period`. */
export function horizonsAt(deps: Pick<ForecastDeps, 'calendar' | 'settings'>, now: number, period: Period): Horizons {
  return forecastHorizons(now, period, deps.calendar, officeCloseMs(deps.settings.officeHours));
}

/** The forecast of the city (when `city`) and of the given units and departments (GET /forecast). */
export function allForecasts(
  deps: ForecastDeps,
  now: number,
  period: Period,
  scopes: { city: boolean; units: readonly string[]; departments: readonly string[] },
): ForecastResponse {
  const h = horizonsAt(deps, now, period);
  const units: Record<string, ScopeForecast> = {};
  for (const code of scopes.units) units[code] = scopeForecast(deps, `unit:${code}`, h);
  const departments: Record<string, ScopeForecast> = {};
  for (const code of scopes.departments) departments[code] = scopeForecast(deps, `department:${code}`, h);
  return {
    asOf: toVnIso(now),
    horizons: horizonsWire(h),
    city: scopes.city ? scopeForecast(deps, 'city', h) : null,
    units,
    departments,
  };
}

/**
 * The early-warning side of a province (national packs): the index keeps communes, not provinces, and
 * every forecast count is a count of dossiers, so the province's are its communes' sums.
 */
export function provinceWarnings(warnings: ForecastDeps['warnings'], units: readonly string[]): ForecastDeps['warnings'] {
  return {
    forecast(_scope, h) {
      const sum = { today: 0, nextWorkingDay: 0, week: 0, periodEnd: 0, periodNew: 0, atRisk: 0 };
      for (const u of units) {
        const c = warnings.forecast(`unit:${u}`, h);
        for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += c[k];
      }
      return sum;
    },
  };
}

/** One scope's forecast with its horizons (the overview's city, the unit page). */
export function forecastView(deps: ForecastDeps, now: number, period: Period, scope: ScopeKey): ScopeForecastView {
  const h = horizonsAt(deps, now, period);
  return { asOf: toVnIso(now), horizons: horizonsWire(h), scope: scopeForecast(deps, scope, h) };
}
