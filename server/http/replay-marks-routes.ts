/**
 * GET /replay/marks?from=&to= (issue 16): the rule changes (the working calendar's) between two
 * instants, for the time bar's marks. Read like the other replay reads: signed-in users who may see
 * at least one scope's figures; what changed, not who changed it (that is the audit log's, for admins).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { ReplayMarksResponse } from '../../shared/contract/replay.js';
import { canSeeMetrics } from '../auth/policy.js';
import type { AuditStore } from '../db/access-store/contract.js';
import { toVnIso } from '../domain/time.js';
import type { ScopeKey } from '../metrics/types.js';
import { ruleMarks } from '../replay/rule-marks.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';
import { parseQuery } from './query.js';
import { parseReplayAt, refusePublic, type ReplayRouteDeps } from './replay-request.js';

const DAY_MS = 86_400_000;
/** The time bar's reach (client/features/replay/replay-time.ts), the default range. */
const DEFAULT_DAYS = 35;
/** More marks than a time bar can draw would be a runaway log: the newest this many are kept. */
const MAX_MARKS = 500;

export const replayMarksQuery = z.object({
  from: z.string().max(64).optional().meta({ description: 'The range’s start with its offset (default: 35 days before `to`)' }),
  to: z.string().max(64).optional().meta({ description: 'The range’s end with its offset (default: now)' }),
});

export type ReplayMarksDeps = Pick<ReplayRouteDeps, 'now' | 'policy' | 'jurisdiction'> & { auditRepo: Pick<AuditStore, 'page'> };

export function replayMarksRoutes(deps: ReplayMarksDeps): Router {
  const r = Router();
  r.get('/replay/marks', async (req, res) => {
    const q = parseQuery(replayMarksQuery, req);
    const now = deps.now();
    const to = q.to === undefined ? now : parseReplayAt(q.to, now);
    const from = q.from === undefined ? to - DEFAULT_DAYS * DAY_MS : parseReplayAt(q.from, now);
    if (from > to)
      throw new HttpError(400, 'invalid_query', `from: ${toVnIso(from)} is after to (${toVnIso(to)}); give the earlier instant first`);
    const p = principalOf(res);
    const { units, departments } = deps.jurisdiction;
    const scopes: ScopeKey[] = [
      'city',
      ...units.map((u) => `unit:${u.code}` as const),
      ...departments.map((d) => `department:${d.code}` as const),
    ];
    if (!scopes.some((s) => canSeeMetrics(p, s, deps.policy))) throw denied(p, 'the time machine');
    refusePublic(p);
    // `to` is inclusive here (a mark at the instant shown is on the bar): the repo's bound is exclusive.
    const rows = (await deps.auditRepo.page({ action: 'calendar.changed', from, to: to + 1, limit: MAX_MARKS, offset: 0 })).items;
    const body: ReplayMarksResponse = {
      from: toVnIso(from),
      to: toVnIso(to),
      marks: ruleMarks(rows).map((m) => ({ ...m, at: toVnIso(m.at) })),
    };
    res.set('Cache-Control', 'private, max-age=60').json(body);
  });
  return r;
}
