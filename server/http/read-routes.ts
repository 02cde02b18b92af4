import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Store } from '../db/store.js';
import type { OfficialsStore } from '../db/officials-store/contract.js';
import type { RequestsStore } from '../db/requests-store/contract.js';
import type { ItemStore } from '../db/item-store/contract.js';
import type { PastStore } from '../db/past-store/contract.js';
import type { DataTrustStore } from '../db/data-trust-store/contract.js';
import type { IndexStore } from '../db/index-store/contract.js';
import type { DossierState, Jurisdiction, WorkCalendar, DomainSettings } from '../domain/types.js';
import { MS_PER_HOUR, toVnIso, vnStartOfDay } from '../domain/time.js';
import type { AlertRaised } from '../realtime/events.js';
import type { Period, PeriodWindow, ScopeKey, ScopeMetrics } from '../metrics/types.js';
import type { MetricsSource } from '../realtime/hub.js';
import type {
  BoundariesResponse,
  JurisdictionResponse,
  OverviewResponse,
  RecentAlertsResponse,
  UnitDetailResponse,
} from '../../shared/contract/api.js';
import { itemRoutes } from './item-routes.js';
import { officialRoutes } from './official-routes.js';
import { buckPassingRoutes } from './buck-passing-routes.js';
import { serviceIndexRoutes } from './service-index-routes.js';
import type { IndexCounts } from '../domain/service-index-facts.js';
import { keptQueryParser, parsePeriodParam, parseQuery, resolveScopeCode } from './query.js';
import { scopeResolver } from './scope-resolver.js';
import { HttpError } from './errors.js';
import { createClosedMetrics } from './closed-period-metrics.js';
import { boundariesWire } from '../geo/boundaries-wire.js';
import { overviewLevelQuery, overviewLevels } from './overview-level.js';
import type { OverdueCounts } from './past-overdue.js';
import { createPastFigures, type PastOfPeriod } from './past-figures.js';
import type { DetailService } from './detail-service.js';
import { denied, principalOf } from './principal.js';
import { canSeeMetrics, canSeeNames, type PolicyOptions } from '../auth/policy.js';
import type { EarlyWarningIndex } from '../metrics/early-warning-index.js';
import type { ForecastResponse } from '../../shared/contract/early-warning.js';
import { allForecasts, forecastView, provinceWarnings } from './forecast-view.js';
import { earlyWarningRoutes } from './early-warning-routes.js';
import { createOverviewCache, overviewBytes, sendOverviewBytes } from './overview-cache.js';
import { createOverviewViews } from './overview-view.js';

export interface ReadDeps {
  store: Store;
  /** The dossier and task lists and the item pages (either engine). */
  items: ItemStore;
  /** The officials' pages and the buck-passing lists (either engine). */
  officials: OfficialsStore;
  /** Reminders and explanation requests (either engine): an official's page lists theirs. */
  requests: RequestsStore;
  /** The overview's reads of past instants and parts of a day, and the rows counted (either engine). */
  past: PastStore;
  /** Data trust's figures, flags and reviews (either engine). */
  dataTrust: DataTrustStore;
  /** A closed period's service index counts and the portal's figures (either engine). */
  index: IndexStore;
  metrics: MetricsSource & {
    previousMetrics?(scope: ScopeKey, period: Period, overdueAtEnd?: OverdueCounts): ScopeMetrics | null;
    previousMetricsToDate?(scope: ScopeKey, period: Period, days?: PeriodWindow): ScopeMetrics | null;
    dayMetrics?(scope: ScopeKey, day: number, overdueAtEnd?: OverdueCounts): ScopeMetrics | null;
    /** Metrics over a closed window of whole months (engine.closedMetrics); null when older than kept. */
    closedMetrics?(scope: ScopeKey, period: Period, window: PeriodWindow, overdueAtEnd?: OverdueCounts): ScopeMetrics | null;
    /** The national service index's counts of the current window (engine.indexCounts). */
    indexCounts(scope: ScopeKey, period: Period): IndexCounts;
    /** Every accepted dossier change (engine.onDossierApplied), for figures of closed periods kept until one reaches them. */
    onDossierApplied?(fn: (prev: DossierState | null, next: DossierState) => void): void;
    /** Moves with every change of any figure (engine.revision); without it (a remote engine) no answer is kept. */
    revision?(): number;
  };
  /** The early warning's live side (forecast counts, at-risk list candidates, open tasks). */
  warnings: Pick<EarlyWarningIndex, 'forecast' | 'dueSoonCandidates' | 'openTasks'>;
  jurisdiction: Jurisdiction;
  scopeOf(code: string): ScopeKey | null;
  calendar: WorkCalendar;
  settings: DomainSettings;
  now: () => number;
  /** The map's boundaries (a new object when the file changes: that is what renews the ETag). */
  boundaries: () => BoundariesResponse;
  /** A national pack's province cells (the country level's map); null or absent for a city pack. */
  provinceBoundaries?: () => BoundariesResponse | null;
  /** Unit and city detail tables, computed off the event loop. */
  details: DetailService;
  /** Access rules' settings (the public view on or off). */
  policy: PolicyOptions;
  /** Events logged and not yet projected: a store read now would wait for the projection writer that long. */
  projectionLagEvents?: () => number;
}

// A current period (PERIODS) or a named one (2026-10, 2026-Q3, 2026): metrics/named-periods.ts.
export const periodQuery = z.object({ period: z.string().max(40).default('live') });
/** GET /units/:code and /departments/:code: the period, and whether officials' scorecards are wanted. */
export const scopeDetailQuery = periodQuery.extend({ officials: z.enum(['0', '1']).default('1') });
/** GET /alerts/recent. */
export const recentAlertsQuery = z.object({
  code: z.string().min(1).max(64).default('city'),
  limit: z.coerce.number().int().min(1).max(100).default(40),
});

// Long by design: the router's handlers registered in one place, each short and self-contained;
// the function's length is their sum, not one long flow.
/** Read API under /api/v1: jurisdiction, overview, recent alerts, unit detail (item lists and details: item-routes.ts). */
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function readRoutes(deps: ReadDeps): Router {
  const r = Router();
  const { jurisdiction } = deps;
  const unitByCode = new Map(jurisdiction.units.map((u) => [u.code, u]));
  const deptByCode = new Map(jurisdiction.departments.map((d) => [d.code, d]));
  const past = createPastFigures(deps);
  const nameOf = (code: string | null) => (code ? (unitByCode.get(code)?.fullName ?? deptByCode.get(code)?.name ?? code) : '');

  r.get('/jurisdiction', (_req, res) => {
    const body: JurisdictionResponse = {
      code: jurisdiction.code,
      name: jurisdiction.name,
      nameEn: jurisdiction.nameEn,
      units: jurisdiction.units,
      departments: jurisdiction.departments,
      ...(jurisdiction.provinces ? { provinces: jurisdiction.provinces } : {}),
    };
    res.set('Cache-Control', 'public, max-age=300').json(body);
  });

  // Megabytes once official boundaries are imported: rounded coordinates, compressed by the app's
  // compression middleware, and a strong ETag so a browser revalidates with a 304 instead of a download.
  // The ETag is of the identity bytes; caches keep encodings apart through Vary: Accept-Encoding.
  const sendBoundaries = (req: Request, res: Response, fc: BoundariesResponse) => {
    const { body, etag } = boundariesWire(fc);
    res.set({ 'Cache-Control': 'public, max-age=300', ETag: etag });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(body);
  };
  r.get('/jurisdiction/boundaries', (req, res) => sendBoundaries(req, res, deps.boundaries()));
  // The country level's map: one cell per province (national packs only).
  r.get('/jurisdiction/province-boundaries', (req, res) => {
    const fc = deps.provinceBoundaries?.() ?? null;
    if (fc === null) throw new HttpError(404, 'not_found', 'this jurisdiction has no provinces (JURISDICTION=vn has)');
    sendBoundaries(req, res, fc);
  });

  // Filtered to what the principal may see: a unit leader gets their unit only, and no city total.
  /** The `period` asked, resolved: current (its PERIODS name in `current`) or a closed named one. */
  const askedPeriod = (req: Request) => parsePeriodParam(parseQuery(periodQuery, req).period, deps.now());
  /** The current period asked; 400 for a closed one where only current figures exist. */
  const currentPeriod = (req: Request, what: string): Period => {
    const asked = askedPeriod(req);
    if (asked.current === null)
      throw new HttpError(400, 'invalid_query', `period: ${what} exists for current periods only, not "${asked.name}"`);
    return asked.current;
  };
  const closed = createClosedMetrics(deps, past);

  const levels = overviewLevels(jurisdiction);
  const revision = deps.metrics.revision?.bind(deps.metrics);
  const overviews = revision ? createOverviewCache({ revision, now: deps.now }) : null;
  const overviewView = createOverviewViews(
    jurisdiction.departments.map((d) => d.code),
    (p, scope) => canSeeMetrics(p, scope, deps.policy),
  );
  const overviewQuery = keptQueryParser(periodQuery.extend(overviewLevelQuery.shape));
  r.get('/overview', async (req, res) => {
    const p = principalOf(res);
    const q = overviewQuery(req);
    const asked = parsePeriodParam(q.period, deps.now());
    const province = q.province;
    const level = levels.plan(province);
    if (asked.current === null) {
      // A named past period keeps the flat answer (every unit): the province level is of current periods.
      res.json(await closed.overview(p, asked));
      return;
    }
    const period = asked.current;
    const { seen, key: view } = overviewView(p, period, province, level);
    if (!seen.whole && !seen.units.length && !seen.departments.length && !seen.provinces.length) throw denied(p, 'the overview');
    // A kept answer needs nothing else; a rebuild reads the store's past figures first (kept for a minute).
    const current = overviews?.current(view) ?? null;
    if (current !== null) {
      await sendOverviewBytes(req, res, current);
      return;
    }
    const pastOf = await past.load(period, deps.now(), seen.whole);
    if (overviews === null) {
      res.json({ asOf: toVnIso(deps.now()), ...overviewFigures(period, level, seen, pastOf) });
      return;
    }
    // One kept answer per view: the period, the level and exactly what the caller may see of it.
    const bytes = overviews.get(view, (rev, now) => overviewBytes(toVnIso(now), overviewFigures(period, level, seen, pastOf), rev, now));
    await sendOverviewBytes(req, res, bytes);
  });

  /** The overview's figures (all but `asOf`) of the scopes `seen` of one level. */
  function overviewFigures(
    period: Period,
    level: ReturnType<typeof levels.plan>,
    seen: { units: string[]; departments: string[]; provinces: string[]; whole: boolean },
    pastOf: PastOfPeriod,
  ): Omit<OverviewResponse, 'asOf'> {
    // Each scope's metrics once: the figures and the forecast's on-time rate read the same.
    const computed = new Map<ScopeKey, ScopeMetrics>();
    const metricsOf = (scope: ScopeKey, of: Period): ScopeMetrics => {
      let m = of === period ? computed.get(scope) : undefined;
      if (m === undefined) m = deps.metrics.metrics(scope, of);
      if (of === period) computed.set(scope, m);
      return m;
    };
    const units: OverviewResponse['units'] = {};
    for (const c of seen.units) units[c] = metricsOf(`unit:${c}`, period);
    const departments: OverviewResponse['departments'] = {};
    for (const d of seen.departments) departments[d] = metricsOf(`department:${d}`, period);
    const provinces: Record<string, ScopeMetrics> = {};
    for (const c of seen.provinces) provinces[c] = metricsOf(`province:${c}`, period);
    const { top, level: levelName } = level;
    const { whole } = seen;
    const w = deps.metrics.window(period);
    return {
      window: { period, from: toVnIso(w.from), to: toVnIso(w.to) },
      city: whole ? metricsOf(top, period) : null,
      units,
      departments,
      previousCity: whole ? past.previous(top, pastOf) : null,
      previousCityToDate: whole ? past.toDate(top, pastOf) : null,
      day: past.dayInfo(whole, top, pastOf.day),
      forecast: whole && top === 'city' ? forecastView({ ...deps, metrics: { metrics: metricsOf } }, deps.now(), period, 'city') : null,
      ...(levelName ? { level: levelName, provinces } : {}),
    };
  }

  // Every scope's forecast, to whoever may see their aggregates (the overview carries the city's only).
  r.get('/forecast', (req, res) => {
    const p = principalOf(res);
    const period = currentPeriod(req, 'a forecast');
    const may = (scope: ScopeKey) => canSeeMetrics(p, scope, deps.policy);
    const units = jurisdiction.units.map((u) => u.code).filter((c) => may(`unit:${c}`));
    const departments = jurisdiction.departments.map((d) => d.code).filter((c) => may(`department:${c}`));
    if (!may('city') && !units.length && !departments.length) throw denied(p, 'the forecast');
    const body: ForecastResponse = allForecasts(deps, deps.now(), period, { city: may('city'), units, departments });
    res.set('Cache-Control', 'no-store').json(body);
  });

  const resolveScope = (code: string) => resolveScopeCode(code, deps.scopeOf);
  // The unit page also answers for a province of a national pack (`province:<code>`).
  const resolveUnitRoute = scopeResolver(jurisdiction, deps.scopeOf);
  const provinceByCode = new Map((jurisdiction.provinces ?? []).map((pr) => [pr.code, pr]));
  const provinceInfo = (code: string | undefined) => {
    const info = code === undefined ? undefined : provinceByCode.get(code);
    return info ? { province: info } : {};
  };

  // What became overdue most recently, for the wall's feed: in the live alerts' shape, to whoever may
  // see the scope's aggregates (the public too, while the public view is on), names only to those
  // who may see them — the same rule as `alert:raised`.
  r.get('/alerts/recent', async (req, res) => {
    const p = principalOf(res);
    const { code, limit } = parseQuery(recentAlertsQuery, req);
    const { scope, unit } = resolveScope(code);
    if (!canSeeMetrics(p, scope, deps.policy)) throw denied(p, `the alerts of ${scope}`);
    const names = canSeeNames(p, scope);
    const now = deps.now();
    const dossiers = (
      await deps.items.dossierPage({
        unit,
        filter: 'overdue',
        pastDue: true,
        sort: 'dueAt',
        dir: 'desc',
        now,
        dueSoonUntil: now,
        limit,
        offset: 0,
      })
    ).items;
    const tasks = (await deps.items.taskPage({ assignee: unit, filter: 'open_overdue', sort: 'dueAt', dir: 'desc', now, limit, offset: 0 }))
      .items;
    const items: AlertRaised[] = [];
    for (const d of dossiers) {
      if (d.dueAt == null || !d.unit) continue;
      const hold = d.holds.length ? d.holds[d.holds.length - 1] : null;
      items.push({
        kind: 'dossier',
        id: d.id,
        unit: d.unit,
        unitName: nameOf(d.unit),
        title: d.procedure?.name ?? d.id,
        dueAt: toVnIso(d.dueAt),
        at: toVnIso(d.dueAt),
        holderName: names && hold && hold.to === null ? hold.handlerName : null,
      });
    }
    for (const t of tasks) {
      if (t.dueAt == null || !t.assignee) continue;
      items.push({
        kind: 'task',
        id: t.id,
        unit: t.assignee,
        unitName: nameOf(t.assignee),
        title: t.title ?? t.id,
        dueAt: toVnIso(t.dueAt),
        at: toVnIso(t.dueAt),
        holderName: null,
      });
    }
    items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? -1 : 1));
    const counts = await deps.past.newlyOverdue({ unit, dayStart: vnStartOfDay(now), hourAgo: now - MS_PER_HOUR, now });
    const body: RecentAlertsResponse = {
      asOf: toVnIso(now),
      items: items.slice(0, limit),
      newlyOverdue: {
        today: counts.reduce((n, c) => n + c.today, 0),
        lastHour: counts.reduce((n, c) => n + c.lastHour, 0),
        byUnit: counts.map((c) => ({ code: c.code, name: nameOf(c.code), today: c.today, lastHour: c.lastHour })),
      },
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  // Departments are addressed the same way as units. The tables come from the detail service (worker
  // threads, shared and cached: many screens asking for the same view cost one query); the metrics are
  // the engine's, current at every answer.
  const DETAIL_TTL_MS = { city: 30_000, unit: 5_000 };

  r.get(['/units/:code', '/departments/:code'], async (req, res) => {
    const p = principalOf(res);
    const query = parseQuery(scopeDetailQuery, req);
    const asked = askedPeriod(req);
    const { scope, unit, province } = resolveUnitRoute(String(req.params.code));
    if (!canSeeMetrics(p, scope, deps.policy)) throw denied(p, `the figures of ${scope}`);
    // Officials' scorecards carry names: left out (not refused) for those who may see only aggregates.
    const withOfficials = query.officials === '1' && canSeeNames(p, scope);
    const area = province ? { province } : {};
    if (asked.current === null) {
      const figures = await closed.scope(scope, asked);
      const { tables, computedAt } = await deps.details.get({
        unit,
        ...area,
        window: figures.window,
        now: deps.now(),
        withOfficials,
        ttlMs: 60_000,
      });
      const body: UnitDetailResponse = {
        asOf: toVnIso(computedAt),
        window: figures.wire,
        scope,
        unit: unit ? (unitByCode.get(unit) ?? null) : null,
        department: unit ? (deptByCode.get(unit) ?? null) : null,
        ...provinceInfo(province?.code),
        metrics: figures.metrics,
        previous: figures.previous,
        previousToDate: null,
        ...tables,
        forecast: null,
      };
      res.json(body);
      return;
    }
    const period = asked.current;
    const window = deps.metrics.window(period);
    const pastOf = await past.load(period, deps.now(), false);
    const { tables, computedAt } = await deps.details.get({
      unit,
      ...area,
      window,
      now: deps.now(),
      withOfficials,
      ttlMs: unit === null ? DETAIL_TTL_MS.city : DETAIL_TTL_MS.unit,
    });
    const body: UnitDetailResponse = {
      asOf: toVnIso(computedAt),
      window: { period, from: toVnIso(window.from), to: toVnIso(window.to) },
      scope,
      unit: unit ? (unitByCode.get(unit) ?? null) : null,
      department: unit ? (deptByCode.get(unit) ?? null) : null,
      ...provinceInfo(province?.code),
      metrics: deps.metrics.metrics(scope, period),
      previous: past.previous(scope, pastOf),
      previousToDate: past.toDate(scope, pastOf),
      ...tables,
      forecast: forecastView(
        province ? { ...deps, warnings: provinceWarnings(deps.warnings, province.units) } : deps,
        deps.now(),
        period,
        scope,
      ),
    };
    res.json(body);
  });

  r.use(itemRoutes(deps));
  r.use(earlyWarningRoutes(deps));
  r.use(officialRoutes(deps));
  r.use(buckPassingRoutes(deps));
  r.use(serviceIndexRoutes(deps));
  return r;
}
