/**
 * Request limits kept in Redis, so a source's requests count once across every node that accepts
 * them. The same token bucket as the in-memory one (auth/rate-limit.ts createTokenBuckets), as one
 * atomic script per request.
 */
import type { RateLimitsFactory } from '../auth/rate-limit.js';
import type { RedisClient } from './redis.js';

/** KEYS: bucket. ARGV: capacity, refill per ms, now. Returns -1 when a token was taken, else ms until one is. */
const TAKE = `
local cap, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(b[1]) or cap, tonumber(b[2]) or now
tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
local wait = -1
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(math.max(now, at)))
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate) + 60000)
return wait`;

/** `deployment`: the deployment's key prefix (REDIS_KEY_PREFIX). */
export function redisRateLimits(redis: RedisClient, deployment: string): RateLimitsFactory {
  const prefix = `${deployment}:rate`;
  return (name, opts) => {
    const capacity = opts.capacity ?? opts.perMinute;
    const perMs = opts.perMinute / 60_000;
    return {
      async take(key, now) {
        const args = [String(capacity), String(perMs), String(now)];
        const wait = Number(await redis.eval(TAKE, { keys: [`${prefix}:${name}:${key}`], arguments: args }));
        return wait < 0 ? { ok: true } : { ok: false, retryAfterMs: wait };
      },
    };
  };
}
