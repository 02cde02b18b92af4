/**
 * GET /replay/compare?from=A&to=B&asOf= (issue 16): how the dossiers overdue changed between two past
 * moments in every scope the asker may see, the units that got worse most first. Both states come
 * from the time machine (A first: as received, B then folds forward from A). Signed-in users only.
 */
import { Router } from 'express';
import { z } from 'zod';
import { REPLAY_AS_OF, type ReplayChangeRow, type ReplayCompareResponse } from '../../shared/contract/replay.js';
import { canSeeMetrics } from '../auth/policy.js';
import { toVnIso } from '../domain/time.js';
import type { ScopeKey } from '../metrics/types.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';
import { parseQuery } from './query.js';
import { parseReplayAt, refusePublic, replayState, type ReplayRouteDeps } from './replay-request.js';

export const replayCompareQuery = z.object({
  from: z.string().max(64).meta({ description: 'The earlier moment A, with its offset, e.g. 2026-12-01T10:00+07:00' }),
  to: z.string().max(64).meta({ description: 'The later moment B, with its offset' }),
  asOf: z.enum(REPLAY_AS_OF).default('received'),
});

/** Rows of the scopes, the largest increase first, then by scope (a stable order). */
export function rankChanges(rows: ReplayChangeRow[]): ReplayChangeRow[] {
  return [...rows].sort((a, b) => b.change - a.change || (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
}

export function replayCompareRoutes(deps: ReplayRouteDeps): Router {
  const r = Router();
  const { jurisdiction } = deps;

  r.get('/replay/compare', (req, res) => {
    const q = parseQuery(replayCompareQuery, req);
    const now = deps.now();
    const a = parseReplayAt(q.from, now);
    const b = parseReplayAt(q.to, now);
    if (a >= b)
      throw new HttpError(
        400,
        'invalid_query',
        `from: ${toVnIso(a)} is not before to (${toVnIso(b)}); compare an earlier moment with a later one`,
      );
    const p = principalOf(res);
    const may = (scope: ScopeKey) => canSeeMetrics(p, scope, deps.policy);
    const scopes: ScopeKey[] = [
      ...jurisdiction.units.map((u) => `unit:${u.code}` as const),
      ...jurisdiction.departments.map((d) => `department:${d.code}` as const),
    ].filter(may);
    const city = may('city');
    if (!city && !scopes.length) throw denied(p, 'the overview');
    refusePublic(p);
    // Read what A needs before folding B: with `received`, B then starts from A's state.
    const stateA = replayState(deps.stateAt, a, q.asOf);
    const overdueA = new Map<ScopeKey, number>(
      [...scopes, ...(city ? ['city' as const] : [])].map((s) => [s, stateA.engine.metrics(s, 'live').overdue]),
    );
    const stateB = replayState(deps.stateAt, b, q.asOf);
    const row = (s: ScopeKey): ReplayChangeRow => {
      const from = overdueA.get(s) ?? 0;
      const to = stateB.engine.metrics(s, 'live').overdue;
      return { scope: s, from, to, change: to - from };
    };
    const body: ReplayCompareResponse = {
      from: toVnIso(a),
      to: toVnIso(b),
      asOf: q.asOf,
      metric: 'overdue',
      rules: 'now',
      city: city ? row('city') : null,
      rows: rankChanges(scopes.map(row)),
    };
    res.set('Cache-Control', 'private, max-age=60').json(body);
  });

  return r;
}
