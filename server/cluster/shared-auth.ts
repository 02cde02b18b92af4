/**
 * What the nodes of a cluster keep in Redis rather than in one process: login lockouts, sessions and
 * request limits, so a lock, a session, a logout and a rate limit hold on every node.
 */
import type { ClusterDeps } from '../app.js';
import { redisLockouts } from './redis-lockouts.js';
import { redisRateLimits } from './redis-rate-limits.js';
import { redisSessions } from './redis-sessions.js';
import type { RedisClient } from './redis.js';

export function sharedAuth(redis: RedisClient): Pick<ClusterDeps, 'lockouts' | 'sessions' | 'rateLimits'> {
  return { lockouts: redisLockouts(redis), sessions: redisSessions(redis), rateLimits: redisRateLimits(redis) };
}
