/**
 * The officials' pages under /api/v1: the list (city-wide, or the officials of one unit or department,
 * filtered by field and name) and one official's page. Names with performance: signed-in people within
 * their scope only (policy.ts canSeeOfficials).
 */
import { Router } from 'express';
import { z } from 'zod';
import { toVnIso } from '../domain/time.js';
import type { Principal } from '../auth/policy.js';
import { canReadDossier, canReadRequest, canSeeOfficials } from '../auth/policy.js';
import { listOfficials } from '../metrics/official-list.js';
import { officialDetail } from '../metrics/official-detail.js';
import { lastWeeks } from '../metrics/official-scorecards.js';
import { partiesOf, toRequestView } from '../requests/request-view.js';
import type { ScopeKey } from '../metrics/types.js';
import {
  OFFICIAL_LIST_SORT_KEYS,
  OFFICIAL_TREND_WEEKS,
  type OfficialDetailResponse,
  type OfficialIdentity,
  type OfficialsResponse,
} from '../../shared/contract/officials.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';
import { askedWindow, pageQuery, parseQuery, wireWindow } from './query.js';
import type { ReadDeps } from './read-routes.js';
import type { OfficialsStore } from '../db/officials-store/contract.js';

/** How long one window's city-wide scorecards are shared before they are recomputed (behind the answer). */
export const OFFICIALS_TTL_MS = 60_000;

const code = z.string().trim().min(1).max(64);
// A current period or a named one (2026-10, 2026-Q3, 2026): query.ts askedWindow.
const period = z.string().max(40).default('month');
export const listQuery = z.object({
  period,
  unit: code.optional(),
  department: code.optional(),
  field: z.string().trim().min(1).max(200).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(OFFICIAL_LIST_SORT_KEYS).default('overdueHeldNow'),
  dir: z.enum(['asc', 'desc']).optional(),
});
export const detailQuery = z.object({ period });

/** Roles that never see an official's performance, refused before any lookup. */
const neverOfficials = (p: Principal) => p.role === 'public' || p.role === 'admin' || p.role === 'display';

/** Names of units and departments, and the scope a list asks for, from the jurisdiction. */
function jurisdictionLookups(jurisdiction: ReadDeps['jurisdiction']) {
  const unitByCode = new Map(jurisdiction.units.map((u) => [u.code, u]));
  const deptByCode = new Map(jurisdiction.departments.map((d) => [d.code, d]));
  const unitName = (c: string) => unitByCode.get(c)?.fullName ?? deptByCode.get(c)?.name ?? c;
  const communesOf = (province: string) => new Set(jurisdiction.units.filter((u) => u.province === province).map((u) => u.code));
  return {
    unitName,
    identity: (o: { id: string; name: string; unit: string }): OfficialIdentity => ({
      id: o.id,
      name: o.name,
      unit: o.unit,
      unitName: unitName(o.unit),
      unitKind: deptByCode.has(o.unit) ? 'department' : 'unit',
    }),
    /** The scope a list asks for: ?unit= or ?department=, else the asker's own (the city for city-wide roles). */
    listScope(p: Principal, q: z.infer<typeof listQuery>): { scope: ScopeKey; units: ReadonlySet<string> | null } {
      if (q.unit && q.department) throw new HttpError(400, 'invalid_query', 'unit, department: give one of them, not both');
      if (q.unit) {
        if (!unitByCode.has(q.unit))
          throw new HttpError(400, 'invalid_query', `unit: "${q.unit}" is not a ward, commune or special zone code`);
        return { scope: `unit:${q.unit}`, units: new Set([q.unit]) };
      }
      if (q.department) {
        if (!deptByCode.has(q.department))
          throw new HttpError(400, 'invalid_query', `department: "${q.department}" is not a department code`);
        return { scope: `department:${q.department}`, units: new Set([q.department]) };
      }
      // The asker's home: the city, the province (its communes' officials), or the first of the units
      // they hold (the others by ?unit=/?department=).
      if (p.scope?.startsWith('province:')) return { scope: p.scope, units: communesOf(p.scope.slice('province:'.length)) };
      if (p.scope && p.scope !== 'city') return { scope: p.scope, units: new Set([p.scope.slice(p.scope.indexOf(':') + 1)]) };
      return { scope: 'city', units: null };
    },
  };
}

/** What one official's page is computed from: their steps since `since`, what is counted for them in the window, their cases and held dossiers. */
async function officialFacts(store: OfficialsStore, id: string, since: number, window: { from: number; to: number }, now: number) {
  const [dossiers, attributed, cases, held] = await Promise.all([
    store.officialSteps({ id, from: since, now }),
    store.officialAttributed({ id, from: window.from, to: window.to }),
    // Every case of theirs (a few): a step still held may be the last of a case that ended before the period.
    store.officialCases({ id, from: 0 }),
    store.heldDossiers(id),
  ]);
  return { dossiers, attributed, cases, held };
}

/** GET /officials and GET /officials/:id. */
export function officialRoutes(deps: ReadDeps): Router {
  const r = Router();
  const { unitName, identity, listScope } = jurisdictionLookups(deps.jurisdiction);

  r.get('/officials', async (req, res) => {
    const p = principalOf(res);
    if (neverOfficials(p)) throw denied(p, 'officials');
    const q = parseQuery(listQuery, req);
    const { page, pageSize } = parseQuery(pageQuery, req);
    const { scope, units } = listScope(p, q);
    if (!canSeeOfficials(p, scope)) throw denied(p, `the officials of ${scope}`);
    const window = askedWindow(q.period, deps.now(), (w) => deps.metrics.window(w));
    const { snapshot, computedAt } = await deps.details.officials({ window, now: deps.now(), ttlMs: OFFICIALS_TTL_MS });
    const dir = q.dir ?? (q.sort === 'name' || q.sort === 'unit' ? 'asc' : 'desc');
    const list = listOfficials(
      snapshot.cards,
      { units, field: q.field ?? null, q: q.q || null, sort: q.sort, dir, page, pageSize },
      identity,
    );
    const now = deps.now();
    const body: OfficialsResponse = {
      asOf: toVnIso(computedAt),
      ageSeconds: Math.max(0, Math.round((now - computedAt) / 1000)),
      window: wireWindow(window),
      filter: { unit: q.unit ?? null, department: q.department ?? null, field: q.field ?? null, q: q.q || null },
      sort: q.sort,
      dir,
      total: list.total,
      page,
      pageSize,
      items: list.items,
      fields: list.fields,
    };
    res.json(body);
  });

  r.get('/officials/:id', async (req, res) => {
    const p = principalOf(res);
    const id = String(req.params.id);
    const notFound = new HttpError(404, 'not_found', `no official with id "${id}"`);
    if (neverOfficials(p)) throw denied(p, 'officials');
    const q = parseQuery(detailQuery, req);
    const who = await deps.officials.identity(id);
    if (!who) throw notFound;
    // Another unit's official answers exactly like an unknown one (as dossiers do).
    // An official of a code outside the jurisdiction: city-wide roles only.
    if (!canSeeOfficials(p, deps.scopeOf(who.unit) ?? 'city')) throw notFound;
    const now = deps.now();
    const window = askedWindow(q.period, now, (w) => deps.metrics.window(w));
    const weeks = lastWeeks(now, OFFICIAL_TREND_WEEKS);
    const since = Math.min(window.from, weeks[0].from);
    const parts = officialDetail({
      id,
      ...(await officialFacts(deps.officials, id, since, window, now)),
      window,
      weeks,
      now,
      calendar: deps.calendar,
      settings: deps.settings,
      unitName,
      canOpen: (unit) => canReadDossier(p, unit ? deps.scopeOf(unit) : null),
    });
    // Counted for the official whoever they went to; listed only where the asker may read them.
    const sent = await deps.requests.byHolder(id, window.from, window.to);
    const readable = sent.filter((r) => {
      const parties = partiesOf(r, deps.scopeOf);
      return parties !== null && canReadRequest(p, parties);
    });
    const body: OfficialDetailResponse = {
      asOf: toVnIso(now),
      window: wireWindow(window),
      official: identity({ id, ...who }),
      ...parts,
      requests: readable.map((r) => toRequestView(r, now, unitName)),
      requestsHidden: sent.length - readable.length,
    };
    res.json(body);
  });

  return r;
}
