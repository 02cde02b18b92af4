/**
 * The national service index under /api/v1 (Chỉ số phục vụ, Decision 766): every unit and
 * department ranked among its peers, and one scope's indicators, for a month, quarter or year —
 * current (live) or closed (named: 2026-10, 2026-Q3, 2026).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { toVnIso } from '../domain/time.js';
import { previousNamedPeriod, type ResolvedPeriod } from '../metrics/named-periods.js';
import type { IndexRankingResponse, IndexRow, IndexWindow, ScopeIndexResponse } from '../../shared/contract/service-index.js';
import { canSeeMetrics } from '../auth/policy.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';
import { parsePeriodParam, parseQuery, resolveScopeCode } from './query.js';
import { createIndexView, indexRow, type RankedEntry } from './service-index-view.js';
import { createPortalFigures } from './portal-figures.js';
import { comparePortal, type PublishedFigure } from '../domain/portal-comparison.js';
import type { ReadDeps } from './read-routes.js';
import type { ScopeKey } from '../metrics/types.js';
import { overviewLevelQuery } from './overview-level.js';

export const indexQuery = z.object({ period: z.string().max(40).default('month') });
/** GET /index in a national pack: the communes of one province (`?province=01`), else every commune. */
const rankingQuery = overviewLevelQuery;

function windowOf(p: ResolvedPeriod): IndexWindow {
  return { period: p.name, kind: p.kind as IndexWindow['kind'], from: toVnIso(p.from), to: toVnIso(p.to), current: p.current !== null };
}

/** The name of every scope ranked: the city or country, its units, departments and provinces. */
function scopeNames(j: ReadDeps['jurisdiction']): Map<ScopeKey, string> {
  return new Map<ScopeKey, string>([
    ['city', j.name],
    ...j.units.map((u) => [`unit:${u.code}` as ScopeKey, u.fullName] as const),
    ...j.departments.map((d) => [`department:${d.code}` as ScopeKey, d.name] as const),
    ...(j.provinces ?? []).map((pr) => [`province:${pr.code}` as ScopeKey, pr.name] as const),
  ]);
}

/** The unit rows GET /index is asked for: every unit, or the communes of `?province=` (404 for an unknown one). */
function provinceUnitFilter(jurisdiction: ReadDeps['jurisdiction']): (req: Request) => (scope: ScopeKey) => boolean {
  const provinceOf = new Map(jurisdiction.units.map((u) => [`unit:${u.code}`, u.province]));
  return (req) => {
    const { province } = parseQuery(rankingQuery, req);
    if (province === undefined) return () => true;
    if (!jurisdiction.provinces)
      throw new HttpError(400, 'invalid_query', 'province: this jurisdiction has no provinces (JURISDICTION=vn has)');
    if (!jurisdiction.provinces.some((pr) => pr.code === province))
      throw new HttpError(404, 'not_found', `province: no province with code "${province}"`);
    return (scope) => provinceOf.get(scope) === province;
  };
}

export function serviceIndexRoutes(deps: ReadDeps): Router {
  const r = Router();
  const { jurisdiction } = deps;
  const view = createIndexView({
    ...deps,
    settings: deps.settings.serviceIndex,
    domain: { calendar: deps.calendar, settings: deps.settings },
  });
  const names = scopeNames(jurisdiction);
  const unitFilterOf = provinceUnitFilter(jurisdiction);
  const portal = createPortalFigures(deps.store.portalIndex);
  const portalDifferenceLimit = deps.settings.serviceIndex.portalDifferenceLimit;
  /** The wire row, with the portal's figure of the period beside ours when one was imported. */
  const rowOf = (e: RankedEntry, published: ReadonlyMap<string, PublishedFigure>): IndexRow => {
    const row = indexRow(e, names.get(e.scope) ?? e.scope);
    const figure = published.get(row.code);
    return figure === undefined ? row : { ...row, portal: comparePortal(row.total, e.index, figure, portalDifferenceLimit) };
  };

  /** The month, quarter or year asked for, and the one before it; 400 for any other period. */
  const periodsOf = (req: Request) => {
    const p = parsePeriodParam(parseQuery(indexQuery, req).period, deps.now());
    if (p.kind === null) {
      throw new HttpError(400, 'invalid_query', `period: the service index is computed per month, quarter or year, not "${p.name}"`);
    }
    return { period: p, previous: previousNamedPeriod(p) };
  };

  r.get('/index', (req, res) => {
    const p = principalOf(res);
    const { period, previous } = periodsOf(req);
    const may = (scope: ScopeKey) => canSeeMetrics(p, scope, deps.policy);
    const inUnits = unitFilterOf(req);
    const { entries } = view.ranking(period, previous);
    const published = portal.of(period);
    const rows = (kind: 'unit' | 'department' | 'province') =>
      [...entries.values()]
        .filter((e) => e.scope.startsWith(`${kind}:`) && may(e.scope) && (kind !== 'unit' || inUnits(e.scope)))
        .map((e) => rowOf(e, published))
        .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
    const units = rows('unit');
    const departments = rows('department');
    const city = may('city') ? rowOf(entries.get('city') as RankedEntry, published) : null;
    if (city === null && units.length === 0 && departments.length === 0) throw denied(p, 'the service index');
    const { from, to, kind } = windowOf(previous);
    const body: IndexRankingResponse = {
      asOf: toVnIso(deps.now()),
      window: windowOf(period),
      previous: { period: previous.name, kind, from, to },
      rule: deps.settings.serviceIndex.noDataRule,
      gradeCutoffs: deps.settings.serviceIndex.gradeCutoffs,
      portalDifferenceLimit,
      city,
      units,
      departments,
      ...(jurisdiction.provinces ? { provinces: rows('province') } : {}),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  r.get(['/city/index', '/units/:code/index', '/departments/:code/index'], (req, res) => {
    const p = principalOf(res);
    const { scope } = resolveScopeCode(String(req.params.code ?? 'city'), deps.scopeOf);
    if (!canSeeMetrics(p, scope, deps.policy)) throw denied(p, `the service index of ${scope}`);
    const { period, previous } = periodsOf(req);
    const entry = view.ranking(period, previous).entries.get(scope);
    if (entry === undefined) throw new HttpError(404, 'not_found', `no service index for ${scope}`);
    const body: ScopeIndexResponse = {
      asOf: toVnIso(deps.now()),
      window: windowOf(period),
      scope,
      row: rowOf(entry, portal.of(period)),
      index: entry.index,
      previous: entry.previous,
      gradeCutoffs: deps.settings.serviceIndex.gradeCutoffs,
      portalDifferenceLimit,
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  return r;
}
