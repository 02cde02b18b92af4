/**
 * GET /overview?at=…&asOf=received|corrected (issue 16): the overview as it stood at a past instant,
 * the live answer's shape plus a `replay` block. Answered here, ahead of the live route, only when
 * `at` is given. Same access rule as live: each scope is shown to whoever may see its aggregates.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { OverviewResponse } from '../../shared/contract/api.js';
import { REPLAY_AS_OF, type ReplayInfo } from '../../shared/contract/replay.js';
import { canSeeMetrics, type PolicyOptions } from '../auth/policy.js';
import { dayKeyOfIndex, parseIsoWithOffset, toVnIso, vnDayIndex } from '../domain/time.js';
import type { Jurisdiction, WorkCalendar } from '../domain/types.js';
import type { Period, ScopeKey } from '../metrics/types.js';
import { ReplayTooLarge, type AsOf, type StateAt } from '../replay/state-at.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';
import { parsePeriodParam, parseQuery } from './query.js';

export interface ReplayRouteDeps {
  stateAt: StateAt;
  jurisdiction: Jurisdiction;
  calendar: WorkCalendar;
  now: () => number;
  policy: PolicyOptions;
}

export const replayQuery = z.object({
  at: z.string().max(64),
  asOf: z.enum(REPLAY_AS_OF).default('received'),
  period: z.string().max(40).default('live'),
});

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

/** `at` as epoch ms: an ISO instant with its offset, not after now; else 400 saying what, where and why. */
export function parseReplayAt(value: string, now: number): number {
  const t = parseIsoWithOffset(value);
  if (t === null)
    throw new HttpError(
      400,
      'invalid_query',
      `at: "${value}" is not an instant with its offset, e.g. 2026-12-01T10:00+07:00 (date, time, and +07:00 or Z)`,
    );
  if (t > now)
    throw new HttpError(400, 'invalid_query', `at: ${toVnIso(t)} is in the future (now is ${toVnIso(now)}); a replay shows the past`);
  return t;
}

/** The state at `t`, or a 422 that says why it is refused and what to ask instead. */
function replayState(stateAt: StateAt, t: number, asOf: AsOf): ReturnType<StateAt['stateAt']> {
  try {
    return stateAt.stateAt(t, asOf);
  } catch (e) {
    if (!(e instanceof ReplayTooLarge)) throw e;
    throw new HttpError(
      422,
      'invalid_query',
      `at: ${toVnIso(t)} as ${asOf} is too far from a stored checkpoint: ${e.items} dossiers and tasks would be refolded (at most ${e.max}); choose a later moment, or asOf=received`,
    );
  }
}

export function replayRoutes(deps: ReplayRouteDeps): Router {
  const r = Router();
  const { jurisdiction } = deps;

  const periodAt = (req: Request, t: number): Period => {
    const asked = parsePeriodParam(parseQuery(replayQuery, req).period, t);
    if (asked.current === null)
      throw new HttpError(400, 'invalid_query', `period: a replay shows current periods only, not "${asked.name}"`);
    return asked.current;
  };

  r.get('/overview', (req, res, next) => {
    if (req.query.at === undefined) {
      next();
      return;
    }
    const q = parseQuery(replayQuery, req);
    const t = parseReplayAt(q.at, deps.now());
    const period = periodAt(req, t);
    const p = principalOf(res);
    const may = (scope: ScopeKey) => canSeeMetrics(p, scope, deps.policy);
    const unitCodes = jurisdiction.units.map((u) => u.code).filter((c) => may(`unit:${c}`));
    const deptCodes = jurisdiction.departments.map((d) => d.code).filter((c) => may(`department:${c}`));
    const city = may('city');
    if (!city && !unitCodes.length && !deptCodes.length) throw denied(p, 'the overview');
    // A replay costs the live server's main thread: signed-in users only, never the public view.
    if (p.role === 'public') throw new HttpError(401, 'login_required', 'sign in to replay the past');
    const state = replayState(deps.stateAt, t, q.asOf);
    const { engine } = state;
    const w = engine.window(period);
    const today = vnDayIndex(t);
    const firstArrival = deps.stateAt.firstArrival();
    const replay: ReplayInfo = {
      at: toVnIso(t),
      asOf: q.asOf,
      rules: 'now',
      checkpointAt: state.checkpointAt === null ? null : toVnIso(state.checkpointAt),
      itemsFolded: state.itemsFolded,
      firstArrival: firstArrival === null ? null : toVnIso(firstArrival),
      omitted: ['previousCity', 'previousCityToDate', 'forecast', 'lastWorkingDay'],
    };
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
