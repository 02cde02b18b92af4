import { afterAll, describe, expect, it } from 'vitest';
import { redisSessions } from '../../../server/cluster/redis-sessions.js';
import { fileSessions, type SessionStore } from '../../../server/auth/session-store.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { useTwoRedisConnections } from '../../helpers/redis-server.js';

const HOUR = 3_600_000;
const nodes = useTwoRedisConnections();
const store = createStore(openDatabase(':memory:'));
const users = [1, 2].map(
  (i) => store.users.create({ username: `u${i}`, displayName: `U ${i}`, role: 'supervisor', passwordHash: 'x', scopes: [] }, 0).id,
);

afterAll(() => store.close());

const session = (idHash: string, userId: number, createdAt: number) => ({
  idHash,
  userId,
  csrfToken: `csrf-${idHash}`,
  createdAt,
  expiresAt: createdAt + HOUR,
  ip: '10.0.0.1',
  userAgent: 'test',
});

/** The same behaviour, whichever store keeps the sessions (`second`: the store as another node sees it). */
function sharedRule(name: string, first: () => SessionStore, second: () => SessionStore) {
  describe(name, () => {
    it('a session created through one is found through the other until it expires, and a logout through the other ends it', async () => {
      const [one, two] = [first(), second()];
      const t0 = 1_000_000;
      await one.create(session(`${name}-s1`, users[0]!, t0));
      expect(await two.findLive(`${name}-s1`, t0 + 1)).toMatchObject({
        userId: users[0],
        csrfToken: `csrf-${name}-s1`,
        expiresAt: t0 + HOUR,
      });
      expect(await two.findLive(`${name}-s1`, t0 + HOUR)).toBeNull();
      expect(await two.delete(`${name}-s1`)).toBe(true);
      expect(await one.findLive(`${name}-s1`, t0 + 1)).toBeNull();
      expect(await one.delete(`${name}-s1`)).toBe(false);
    });

    it("ends every session of one user and none of another's, and says which of a list are live", async () => {
      const [one, two] = [first(), second()];
      const t0 = 2_000_000;
      await one.create(session(`${name}-a`, users[0]!, t0));
      await two.create(session(`${name}-b`, users[0]!, t0));
      await one.create(session(`${name}-c`, users[1]!, t0));
      expect(await two.liveAmong([`${name}-a`, `${name}-b`, `${name}-c`, `${name}-none`], t0 + 1)).toEqual(
        new Set([`${name}-a`, `${name}-b`, `${name}-c`]),
      );
      expect(await two.deleteForUser(users[0]!)).toBe(2);
      expect(await one.liveAmong([`${name}-a`, `${name}-b`, `${name}-c`], t0 + 1)).toEqual(new Set([`${name}-c`]));
      expect(await one.findLive(`${name}-c`, t0 + 1)).not.toBeNull();
      await one.delete(`${name}-c`);
    });

    it('purges the sessions expired at an instant and keeps the others', async () => {
      const [one, two] = [first(), second()];
      await one.create(session(`${name}-old`, users[0]!, 3_000_000));
      await one.create(session(`${name}-new`, users[1]!, 3_000_000 + HOUR));
      expect(await two.purgeExpired(3_000_000 + HOUR)).toBeGreaterThanOrEqual(1);
      expect(await one.liveAmong([`${name}-old`, `${name}-new`], 3_000_000 + HOUR - 1)).toEqual(new Set([`${name}-new`]));
    });
  });
}

sharedRule(
  'in the database file',
  () => fileSessions(store.sessions),
  () => fileSessions(store.sessions),
);
sharedRule(
  'in Redis, two connections',
  () => redisSessions(nodes.a, 'test'),
  () => redisSessions(nodes.b, 'test'),
);
