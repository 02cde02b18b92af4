/**
 * Login lockouts kept in Redis, so a username locked on one node is locked on all of them. The same
 * rule as the in-memory lockout (auth/rate-limit.ts createLockout), as one atomic script per failure.
 */
import { randomBytes } from 'node:crypto';
import type { LockoutsFactory } from '../auth/lockouts.js';
import type { RedisClient } from './redis.js';

/** KEYS: failures (sorted set of instants), lock (lockedUntil). ARGV: now, windowMs, maxFailures, lockMs, member. */
const FAIL_SCRIPT = `
local now, window, max, lockMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], window)
if redis.call('ZCARD', KEYS[1]) >= max then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], now + lockMs, 'PX', lockMs)
  return lockMs
end
return 0`;

/** `deployment`: the deployment's key prefix (REDIS_KEY_PREFIX). */
export function redisLockouts(redis: RedisClient, deployment: string): LockoutsFactory {
  const prefix = `${deployment}:login`;
  return (kind, opts) => {
    const failures = (key: string) => `${prefix}:${kind}:failures:${key}`;
    const lock = (key: string) => `${prefix}:${kind}:lock:${key}`;
    return {
      async lockedFor(key, now) {
        const until = Number(await redis.get(lock(key)));
        return until > now ? until - now : 0;
      },
      async fail(key, now) {
        const member = `${now}:${randomBytes(6).toString('hex')}`;
        const args = [String(now), String(opts.windowMs), String(opts.maxFailures), String(opts.lockMs), member];
        return Number(await redis.eval(FAIL_SCRIPT, { keys: [failures(key), lock(key)], arguments: args }));
      },
      async succeed(key) {
        await redis.del(failures(key));
      },
    };
  };
}
