/**
 * A unit's (department's, the city's) reads at a past instant (issue 16), answered ahead of the live
 * routes only when `at` is given, under the same access rules as live, signed-in users only:
 * - GET /units/:code?at=&asOf=: the unit page's figures as they stood then (its tables are omitted);
 * - GET /units/:code/dossiers?at=&asOf=: the dossiers overdue then, with the official who held each.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { DossierListAtResponse, UnitDetailAtResponse } from '../../shared/contract/replay.js';
import { canListDossiers, canSeeMetrics } from '../auth/policy.js';
import { toVnIso } from '../domain/time.js';
import type { DossierState } from '../domain/types.js';
import { HttpError } from './errors.js';
import { dossierItem } from './list-items.js';
import { denied, principalOf } from './principal.js';
import { holderFilter, pageQuery, parseQuery, resolveScopeCode } from './query.js';
import { parseReplayAt, refusePublic, replayInfo, replayMoment, replayQuery, replayState, type ReplayRouteDeps } from './replay-request.js';

/** The dossier list's filters a replay answers: the dossiers overdue then, optionally one holder's, or past due only. */
export const dossierListAtQuery = replayQuery.extend({
  status: z.string().max(40).default('overdue'),
  pastDue: z.enum(['0', '1']).default('0'),
  holder: holderFilter,
});

const OMITTED_DETAIL = [
  'previous',
  'previousToDate',
  'forecast',
  'byField',
  'byProcedure',
  'byOfficial',
  'trend',
  'processingHistogram',
] as const;

export function replayScopeRoutes(deps: ReplayRouteDeps): Router {
  const r = Router();
  const { jurisdiction } = deps;
  const unitByCode = new Map(jurisdiction.units.map((u) => [u.code, u]));
  const deptByCode = new Map(jurisdiction.departments.map((d) => [d.code, d]));
  const ctx = { calendar: deps.calendar, settings: deps.settings };

  r.get(['/units/:code', '/departments/:code'], (req, res, next) => {
    if (req.query.at === undefined) {
      next();
      return;
    }
    const { t, asOf, period } = replayMoment(req, deps.now());
    const p = principalOf(res);
    const { scope, unit } = resolveScopeCode(String(req.params.code), deps.scopeOf);
    if (!canSeeMetrics(p, scope, deps.policy)) throw denied(p, `the figures of ${scope}`);
    refusePublic(p);
    const state = replayState(deps.stateAt, t, asOf);
    const w = state.engine.window(period);
    const body: UnitDetailAtResponse = {
      asOf: toVnIso(t),
      window: { period, from: toVnIso(w.from), to: toVnIso(w.to) },
      scope,
      unit: unit ? (unitByCode.get(unit) ?? null) : null,
      department: unit ? (deptByCode.get(unit) ?? null) : null,
      metrics: state.engine.metrics(scope, period),
      previous: null,
      previousToDate: null,
      byField: [],
      byProcedure: [],
      byOfficial: [],
      trend: [],
      processingHistogram: [],
      forecast: null,
      replay: replayInfo(deps.stateAt, state, [...OMITTED_DETAIL]),
    };
    res.set('Cache-Control', 'private, max-age=60').json(body);
  });

  r.get(['/units/:code/dossiers', '/departments/:code/dossiers'], (req, res, next) => {
    if (req.query.at === undefined) {
      next();
      return;
    }
    const q = parseQuery(dossierListAtQuery, req);
    const { page, pageSize } = parseQuery(pageQuery, req);
    const t = parseReplayAt(q.at, deps.now());
    if (q.status !== 'overdue')
      throw new HttpError(400, 'invalid_query', `status: a replay lists the dossiers overdue at that moment only, not "${q.status}"`);
    const p = principalOf(res);
    const { scope } = resolveScopeCode(String(req.params.code), deps.scopeOf);
    if (!canListDossiers(p, scope)) throw denied(p, `the dossiers of ${scope}`);
    refusePublic(p);
    const state = replayState(deps.stateAt, t, q.asOf);
    const inScope = (d: DossierState) => scope === 'city' || (d.unit !== null && deps.scopeOf(d.unit) === scope);
    const rows = [...state.open.values()]
      .filter(inScope)
      .map((d) => dossierItem(d, t, ctx))
      .filter((d) => d.timeliness === 'overdue')
      .filter((d) => q.pastDue === '0' || d.overdueReason === 'past_due')
      .filter((d) => q.holder === undefined || d.holderId === q.holder)
      // Most overdue first, then by due time and id: the same order at every request.
      .sort((a, b) => b.daysOverdue - a.daysOverdue || (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || a.id.localeCompare(b.id));
    const body: DossierListAtResponse = {
      total: rows.length,
      page,
      pageSize,
      items: rows.slice((page - 1) * pageSize, page * pageSize),
      replay: replayInfo(deps.stateAt, state, []),
    };
    res.set('Cache-Control', 'private, max-age=60').json(body);
  });

  return r;
}
