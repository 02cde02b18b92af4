import { describe, expect, it } from 'vitest';
import { redisLockouts } from '../../../server/cluster/redis-lockouts.js';
import { memoryLockouts, type LockoutsFactory } from '../../../server/auth/lockouts.js';
import { useTwoRedisConnections } from '../../helpers/redis-server.js';

const OPTS = { maxFailures: 3, windowMs: 60_000, lockMs: 15 * 60_000 };
const nodes = useTwoRedisConnections();

/** The same rule, whichever store keeps it (`second`: the store as another node sees it, where it is shared). */
function sharedRule(name: string, first: LockoutsFactory, second: LockoutsFactory) {
  describe(name, () => {
    it('locks a key on its third failure within the window, for lockMs, and the lock ends after it', async () => {
      const one = first('user', OPTS);
      const two = second === first ? one : second('user', OPTS);
      const key = `${name}-lanhdao`;
      expect(await one.fail(key, 1_000)).toBe(0);
      expect(await two.fail(key, 2_000)).toBe(0);
      expect(await one.fail(key, 3_000)).toBe(OPTS.lockMs);
      expect(await two.lockedFor(key, 4_000)).toBe(OPTS.lockMs - 1_000);
      expect(await two.lockedFor(key, 3_000 + OPTS.lockMs)).toBe(0);
    });

    it('forgets failures older than the window, and all of them after a success', async () => {
      const l = first('user', OPTS);
      const key = `${name}-old`;
      await l.fail(key, 0);
      await l.fail(key, 1_000);
      expect(await l.fail(key, 61_500)).toBe(0); // the one at 0 left the window
      await l.succeed(key);
      expect(await l.fail(key, 62_000)).toBe(0);
      expect(await l.fail(key, 62_100)).toBe(0);
      expect(await l.lockedFor(key, 62_200)).toBe(0);
    });
  });
}

sharedRule('in memory', memoryLockouts, memoryLockouts);
sharedRule(
  'in Redis, two connections',
  (k, o) => redisLockouts(nodes.a, 'test')(k, o),
  (k, o) => redisLockouts(nodes.b, 'test')(k, o),
);

describe('in Redis, two nodes', () => {
  it("a lock taken through one node's connection holds through another's, and usernames and addresses are kept apart", async () => {
    const onB = redisLockouts(nodes.b, 'test')('user', OPTS);
    const onC = redisLockouts(nodes.a, 'test')('user', OPTS);
    for (const t of [1, 2, 3]) await onB.fail('chuyenvien', t);
    expect(await onC.lockedFor('chuyenvien', 10)).toBeGreaterThan(0);
    expect(await redisLockouts(nodes.a, 'test')('ip', OPTS).lockedFor('chuyenvien', 10)).toBe(0);
  });
});
