/**
 * GET /overview?at=…&asOf=received|corrected (issue 16): the overview as it stood at a past instant,
 * the live answer's shape plus a `replay` block. Answered here, ahead of the live route, only when
 * `at` is given. Same access rule as live: each scope is shown to whoever may see its aggregates.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { OverviewResponse } from '../../shared/contract/api.js';
import { REPLAY_AS_OF, type ReplayInfo } from '../../shared/contract/replay.js';
import { canSeeMetrics } from '../auth/policy.js';
import { dayKeyOfIndex, toVnIso, vnDayIndex } from '../domain/time.js';
import type { ScopeKey } from '../metrics/types.js';
import { denied, principalOf } from './principal.js';
import { refusePublic, replayInfo, replayMoment, replayState, type ReplayRouteDeps } from './replay-request.js';
import { replayScopeRoutes } from './replay-scope-routes.js';
import { replayCompareRoutes } from './replay-compare-routes.js';
import { replayMarksRoutes } from './replay-marks-routes.js';
import { replayDossierRoutes } from './replay-dossier-routes.js';

/** The overview's replay parameters as the OpenAPI describes them (`at` absent: the live overview). */
export const replayOverviewQuery = z.object({
  at: z
    .string()
    .max(64)
    .optional()
    .meta({ description: 'A past instant with its offset, e.g. 2026-12-01T10:00+07:00: the overview as it stood then' }),
  asOf: z
    .enum(REPLAY_AS_OF)
    .default('received')
    .meta({ description: 'received: the events the server had by then; corrected: every event about times up to then, received since' }),
});

export function replayRoutes(deps: ReplayRouteDeps): Router {
  const r = Router();
  const { jurisdiction } = deps;

  r.use(replayScopeRoutes(deps));
  r.use(replayCompareRoutes(deps));
  r.use(replayMarksRoutes(deps));
  r.use(replayDossierRoutes(deps));

  r.get('/overview', (req, res, next) => {
    if (req.query.at === undefined) {
      next();
      return;
    }
    const { t, asOf, period } = replayMoment(req, deps.now());
    const p = principalOf(res);
    const may = (scope: ScopeKey) => canSeeMetrics(p, scope, deps.policy);
    const unitCodes = jurisdiction.units.map((u) => u.code).filter((c) => may(`unit:${c}`));
    const deptCodes = jurisdiction.departments.map((d) => d.code).filter((c) => may(`department:${c}`));
    const city = may('city');
    if (!city && !unitCodes.length && !deptCodes.length) throw denied(p, 'the overview');
    refusePublic(p);
    const state = replayState(deps.stateAt, t, asOf);
    const { engine } = state;
    const w = engine.window(period);
    const today = vnDayIndex(t);
    const replay = replayInfo(deps.stateAt, state, ['previousCity', 'previousCityToDate', 'forecast', 'lastWorkingDay']);
    const body: OverviewResponse & { replay: ReplayInfo } = {
      asOf: toVnIso(t),
      window: { period, from: toVnIso(w.from), to: toVnIso(w.to) },
      city: city ? engine.metrics('city', period) : null,
      units: Object.fromEntries(unitCodes.map((c) => [c, engine.metrics(`unit:${c}`, period)])),
      departments: Object.fromEntries(deptCodes.map((c) => [c, engine.metrics(`department:${c}`, period)])),
      previousCity: null,
      previousCityToDate: null,
      day: { date: dayKeyOfIndex(today), workingDay: deps.calendar.isWorkingDay(dayKeyOfIndex(today)), lastWorkingDay: null },
      forecast: null,
      replay,
    };
    // A past instant's answer changes only with late events (corrected) or never (received): short private caching.
    res.set('Cache-Control', 'private, max-age=60').json(body);
  });

  return r;
}
