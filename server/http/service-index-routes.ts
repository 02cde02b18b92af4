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
import { canSeeMetrics, type Principal } from '../auth/policy.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';
import { parsePeriodParam, parseQuery, resolveScopeCode } from './query.js';
import { createIndexView, indexRow, type RankedEntry, type RankedIndex } from './service-index-view.js';
import { createPortalFigures } from './portal-figures.js';
import { comparePortal, type PublishedFigure } from '../domain/portal-comparison.js';
import type { ReadDeps } from './read-routes.js';
import type { ScopeKey } from '../metrics/types.js';
import { overviewLevelQuery } from './overview-level.js';

export const indexQuery = z.object({ period: z.string().max(40).default('month') });
/**
 * GET /index in a national pack: the communes of one province (`?province=01`); at country level the
 * provinces rank and the 3,321 communes are left out (≈ 1 MB the page does not draw) unless `?units=all`.
 */
const rankingQuery = overviewLevelQuery.extend({
  units: z.enum(['all'], { message: 'must be all (every commune at country level), or left out' }).optional(),
});

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

interface UnitFilter {
  /** What the unit rows are: the province asked for, '' for every unit, 'country' for none but a caller's own. */
  province: string;
  inUnits(scope: ScopeKey): boolean;
  /** A national pack's country level without `?units=all`: callers who see the country get no commune rows. */
  countryLevel: boolean;
}

/** The unit rows GET /index is asked for: every unit, or the communes of `?province=` (404 for an unknown one). */
function provinceUnitFilter(jurisdiction: ReadDeps['jurisdiction']): (req: Request) => UnitFilter {
  const provinceOf = new Map(jurisdiction.units.map((u) => [`unit:${u.code}`, u.province]));
  return (req) => {
    const { province, units } = parseQuery(rankingQuery, req);
    if (units === 'all' && province !== undefined)
      throw new HttpError(
        400,
        'invalid_query',
        "units: all is for the country level; with province= the answer has that province's communes",
      );
    if (province === undefined) {
      const countryLevel = jurisdiction.provinces !== undefined && units !== 'all';
      return { province: countryLevel ? 'country' : '', inUnits: () => true, countryLevel };
    }
    if (!jurisdiction.provinces)
      throw new HttpError(400, 'invalid_query', 'province: this jurisdiction has no provinces (JURISDICTION=vn has)');
    if (!jurisdiction.provinces.some((pr) => pr.code === province))
      throw new HttpError(404, 'not_found', `province: no province with code "${province}"`);
    return { province, inUnits: (scope) => provinceOf.get(scope) === province, countryLevel: false };
  };
}

/** What a principal may see of the ranking: the same key, the same rows. */
const visibilityKey = (p: Principal): string => `${p.role}|${p.scope ?? ''}|${(p.scopes ?? []).join(',')}`;

/** Kept GET /index bodies (without `asOf`) of one ranking, by who asks and which communes. */
type KeptBodies = Map<string, { published: ReadonlyMap<string, PublishedFigure>; json: string }>;
const KEPT_BODIES_PER_RANKING = 64;

interface BodyContext {
  deps: ReadDeps;
  view: ReturnType<typeof createIndexView>;
  unitFilterOf(req: Request): UnitFilter;
  portal: ReturnType<typeof createPortalFigures>;
  rowOf(e: RankedEntry, published: ReadonlyMap<string, PublishedFigure>): IndexRow;
  periodsOf(req: Request): { period: ResolvedPeriod; previous: ResolvedPeriod };
}

/** GET /index's bodies but `asOf`: built once per ranking, principal's view and province, then kept. */
function createRankingBodies({
  deps,
  view,
  unitFilterOf,
  portal,
  rowOf,
  periodsOf,
}: BodyContext): (p: Principal, req: Request) => Promise<string> {
  const bodies = new WeakMap<RankedIndex, KeptBodies>();
  const rankingBody = async (p: Principal, req: Request): Promise<string> => {
    const { period, previous } = periodsOf(req);
    const filter = unitFilterOf(req);
    const ranked = await view.ranking(period, previous);
    const published = await portal.of(period);
    let kept = bodies.get(ranked);
    if (kept === undefined) bodies.set(ranked, (kept = new Map()));
    const key = `${visibilityKey(p)}|${filter.province}`;
    const hit = kept.get(key);
    if (hit !== undefined && hit.published === published) return hit.json;
    const json = JSON.stringify(buildRankingBody(p, period, previous, filter, ranked, published));
    if (kept.size < KEPT_BODIES_PER_RANKING) kept.set(key, { published, json });
    return json;
  };

  const buildRankingBody = (
    p: Principal,
    period: ResolvedPeriod,
    previous: ResolvedPeriod,
    { inUnits, countryLevel }: UnitFilter,
    { entries }: RankedIndex,
    published: ReadonlyMap<string, PublishedFigure>,
  ): Omit<IndexRankingResponse, 'asOf'> => {
    const may = (scope: ScopeKey) => canSeeMetrics(p, scope, deps.policy);
    const rows = (kind: 'unit' | 'department' | 'province') =>
      [...entries.values()]
        .filter((e) => e.scope.startsWith(`${kind}:`) && may(e.scope) && (kind !== 'unit' || inUnits(e.scope)))
        .map((e) => rowOf(e, published))
        .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
    const city = may('city') ? rowOf(entries.get('city') as RankedEntry, published) : null;
    // Who sees the country reads its provinces there; a commune's or province's own rows stay.
    const units = countryLevel && city !== null ? [] : rows('unit');
    const departments = rows('department');
    if (city === null && units.length === 0 && departments.length === 0) throw denied(p, 'the service index');
    const { from, to, kind } = windowOf(previous);
    return {
      window: windowOf(period),
      previous: { period: previous.name, kind, from, to },
      rule: deps.settings.serviceIndex.noDataRule,
      gradeCutoffs: deps.settings.serviceIndex.gradeCutoffs,
      portalDifferenceLimit: deps.settings.serviceIndex.portalDifferenceLimit,
      city,
      units,
      departments,
      ...(deps.jurisdiction.provinces ? { provinces: rows('province') } : {}),
    };
  };

  return rankingBody;
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
  const portal = createPortalFigures(deps.index.portal);
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

  const rankingBody = createRankingBodies({ deps, view, unitFilterOf, portal, rowOf, periodsOf });

  r.get('/index', async (req, res) => {
    // `asOf` leads the body as IndexRankingResponse lists it; the rest is kept while the ranking is.
    const rest = await rankingBody(principalOf(res), req);
    res
      .set('Cache-Control', 'no-store')
      .type('json')
      .send(`{"asOf":${JSON.stringify(toVnIso(deps.now()))},${rest.slice(1)}`);
  });

  r.get(['/city/index', '/units/:code/index', '/departments/:code/index'], async (req, res) => {
    const p = principalOf(res);
    const { scope } = resolveScopeCode(String(req.params.code ?? 'city'), deps.scopeOf);
    if (!canSeeMetrics(p, scope, deps.policy)) throw denied(p, `the service index of ${scope}`);
    const { period, previous } = periodsOf(req);
    const entry = (await view.ranking(period, previous)).entries.get(scope);
    if (entry === undefined) throw new HttpError(404, 'not_found', `no service index for ${scope}`);
    const body: ScopeIndexResponse = {
      asOf: toVnIso(deps.now()),
      window: windowOf(period),
      scope,
      row: rowOf(entry, await portal.of(period)),
      index: entry.index,
      previous: entry.previous,
      gradeCutoffs: deps.settings.serviceIndex.gradeCutoffs,
      portalDifferenceLimit,
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  return r;
}
