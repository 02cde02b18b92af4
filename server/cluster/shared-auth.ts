/**
 * What the nodes of a cluster keep in Redis rather than in one process: login lockouts, sessions and
 * request limits, so a lock, a session, a logout and a rate limit hold on every node.
 *
 * While Redis is unreachable node-redis queues commands until it reconnects; a request must not hang
 * meanwhile, so every call here answers within `answerWithinMs` or fails with 503 `unavailable`
 * (Retry-After): nothing is decided without the shared store (no session taken for absent, no
 * request let through uncounted).
 */
import type { ClusterDeps } from '../app.js';
import { HttpError } from '../errors.js';
import { redisLockouts } from './redis-lockouts.js';
import { redisRateLimits } from './redis-rate-limits.js';
import { redisSessions } from './redis-sessions.js';
import type { RedisClient } from './redis.js';

const ANSWER_WITHIN_MS = 2_000;
const RETRY_AFTER_S = 5;

function unavailable(what: string, why: string): HttpError {
  return new HttpError(503, 'unavailable', `the shared store (Redis) did not answer for ${what} (${why}); try again shortly`, {
    'Retry-After': String(RETRY_AFTER_S),
  });
}

/** `p`, or a 503 once `ms` passed or it failed. */
export function withinDeadline<T>(p: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable(what, `no answer in ${ms} ms`)), ms);
  });
  const answered = p.catch((err: unknown) => {
    throw err instanceof HttpError ? err : unavailable(what, (err as Error).message);
  });
  return Promise.race([answered, late]).finally(() => clearTimeout(timer));
}

/** The same object with each of its asynchronous methods bounded by withinDeadline. */
function bounded<T extends object>(o: T, what: string, ms: number): T {
  const out = {} as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    out[k] = typeof v === 'function' ? (...args: unknown[]) => withinDeadline(Promise.resolve(v(...args)), what, ms) : v;
  }
  return out as T;
}

/** `deployment`: the deployment's key prefix (REDIS_KEY_PREFIX). */
export function sharedAuth(
  redis: RedisClient,
  deployment: string,
  answerWithinMs = ANSWER_WITHIN_MS,
): Pick<ClusterDeps, 'lockouts' | 'sessions' | 'rateLimits'> {
  const lockouts = redisLockouts(redis, deployment);
  const rateLimits = redisRateLimits(redis, deployment);
  return {
    lockouts: (kind, opts) => bounded(lockouts(kind, opts), 'login lockouts', answerWithinMs),
    sessions: bounded(redisSessions(redis, deployment), 'sessions', answerWithinMs),
    rateLimits: (name, opts) => bounded(rateLimits(name, opts), 'rate limits', answerWithinMs),
  };
}
