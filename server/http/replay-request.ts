/**
 * What every read at a past instant shares (issue 16): its parameters (`at`, `asOf`, `period`), the
 * state at `at` or a 422, the `replay` block of the answer, and the rule that a replay needs a sign-in.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { REPLAY_AS_OF, type ReplayInfo, type ReplayOmitted } from '../../shared/contract/replay.js';
import type { PolicyOptions, Principal } from '../auth/policy.js';
import type { AuditStore } from '../db/access-store/contract.js';
import { parseIsoWithOffset, toVnIso } from '../domain/time.js';
import type { DomainSettings, Jurisdiction, WorkCalendar } from '../domain/types.js';
import type { Period, ScopeKey } from '../metrics/types.js';
import { ReplayTooLarge, type AsOf, type ReplayResult, type StateAt } from '../replay/state-at.js';
import { HttpError } from './errors.js';
import { parsePeriodParam, parseQuery } from './query.js';

export interface ReplayRouteDeps {
  stateAt: StateAt;
  jurisdiction: Jurisdiction;
  calendar: WorkCalendar;
  now: () => number;
  policy: PolicyOptions;
  scopeOf: (code: string) => ScopeKey | null;
  settings: DomainSettings;
  /** The audit log, for the rule changes marked on the time bar (`calendar.changed`). */
  auditRepo: Pick<AuditStore, 'page'>;
}

export const replayQuery = z.object({
  at: z.string().max(64),
  asOf: z.enum(REPLAY_AS_OF).default('received'),
  period: z.string().max(40).default('live'),
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
export function replayState(stateAt: StateAt, t: number, asOf: AsOf): ReturnType<StateAt['stateAt']> {
  try {
    return stateAt.stateAt(t, asOf);
  } catch (e) {
    if (!(e instanceof ReplayTooLarge)) throw e;
    throw new HttpError(
      422,
      'replay_too_far',
      `at: ${toVnIso(t)} as ${asOf} is too far from a stored checkpoint: ${e.items} dossiers and tasks would be refolded (at most ${e.max}); choose a later moment, or asOf=received`,
    );
  }
}

/** The period asked of a replay at `t` (a current one, as it stood then); 400 for a closed named period. */
export function periodAt(req: Request, t: number): Period {
  const asked = parsePeriodParam(parseQuery(replayQuery, req).period, t);
  if (asked.current === null) throw new HttpError(400, 'invalid_query', `period: a replay shows current periods only, not "${asked.name}"`);
  return asked.current;
}

/** A replay read's moment, as-of mode and period from its query (each refused with a 400 as above). */
export function replayMoment(req: Request, now: number): { t: number; asOf: AsOf; period: Period } {
  const q = parseQuery(replayQuery, req);
  const t = parseReplayAt(q.at, now);
  return { t, asOf: q.asOf, period: periodAt(req, t) };
}

/** The `replay` block of an answer about `state`'s instant. */
export function replayInfo(stateAt: StateAt, state: ReplayResult, omitted: ReplayOmitted[]): ReplayInfo {
  const firstArrival = stateAt.firstArrival();
  return {
    at: toVnIso(state.at),
    asOf: state.asOf,
    rules: 'now',
    checkpointAt: state.checkpointAt === null ? null : toVnIso(state.checkpointAt),
    itemsFolded: state.itemsFolded,
    firstArrival: firstArrival === null ? null : toVnIso(firstArrival),
    omitted,
  };
}

/** A replay costs the live server's main thread: signed-in users only, never the public view. */
export function refusePublic(p: Principal): void {
  if (p.role === 'public') throw new HttpError(401, 'login_required', 'sign in to replay the past');
}

/** A scope read's replay parameters as the OpenAPI describes them (`at` absent: the live answer). */
export const replayReadQuery = z.object({
  at: z.string().max(64).optional().meta({
    description: 'A past instant with its offset, e.g. 2026-12-01T10:00+07:00: the answer as it stood then, with a `replay` block',
  }),
  asOf: z
    .enum(REPLAY_AS_OF)
    .default('received')
    .meta({ description: 'received: the events the server had by then; corrected: every event about times up to then, received since' }),
});
