import { describe, expect, it } from 'vitest';
import { redisRateLimits } from '../../../server/cluster/redis-rate-limits.js';
import { memoryRateLimits, type RateLimitsFactory } from '../../../server/auth/rate-limit.js';
import { useTwoRedisConnections } from '../../helpers/redis-server.js';

const nodes = useTwoRedisConnections();

/** The same token bucket, whichever store keeps it (`second`: the store as another node sees it). */
function sharedRule(name: string, first: RateLimitsFactory, second: RateLimitsFactory, shared: boolean) {
  describe(name, () => {
    it(`takes ${shared ? 'one count across both' : 'a count per process'}: 3 a minute, then refused with the wait until the next token`, async () => {
      const one = first('ingest', { perMinute: 3 });
      const two = second('ingest', { perMinute: 3 });
      const key = `${name}-s1`;
      for (let i = 0; i < 3; i++) expect((await one.take(key, 0)).ok).toBe(true);
      // The fourth request within the burst: refused when the count is shared, 20 s until a token.
      expect(await two.take(key, 0)).toEqual(shared ? { ok: false, retryAfterMs: 20_000 } : { ok: true });
      expect(await one.take(key, 10_000)).toEqual({ ok: false, retryAfterMs: 10_000 });
      expect((await one.take(key, 20_000)).ok).toBe(true);
    });

    it('keeps keys and limiters of other names apart', async () => {
      const one = first('ingest', { perMinute: 1 });
      expect((await one.take(`${name}-k1`, 0)).ok).toBe(true);
      expect((await one.take(`${name}-k2`, 0)).ok).toBe(true);
      expect((await second('ingest-unauthenticated', { perMinute: 1 }).take(`${name}-k1`, 0)).ok).toBe(true);
      expect((await one.take(`${name}-k1`, 0)).ok).toBe(false);
    });
  });
}

sharedRule('in memory (two processes)', memoryRateLimits, memoryRateLimits, false);
sharedRule(
  'in Redis, two connections',
  (n, o) => redisRateLimits(nodes.a, 'test')(n, o),
  (n, o) => redisRateLimits(nodes.b, 'test')(n, o),
  true,
);
