/**
 * Two nodes (NODE_ROLE=all) sharing one real Redis: sessions, their revocation on sockets and the
 * ingest rate limits are kept there, not in a process or the database file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type RedisClient } from '../../../server/cluster/redis.js';
import { createLogger } from '../../../server/logger.js';
import { startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';
let redis: TestRedis;
let clients: RedisClient[] = [];
let one: TestServer;
let two: TestServer;

beforeAll(async () => {
  redis = await startRedis();
  const logger = createLogger('silent');
  clients = await Promise.all([0, 1, 2].map(() => connectRedis(redis.url, logger)));
  // Both nodes' first source is id 1: the same source as far as the shared count is concerned.
  const security = { ingestRatePerMinute: 3 };
  one = await startTestServer({ security, cluster: { redis: clients[0]!, keyPrefix: 'bdt:hcmc' } });
  two = await startTestServer({ security, cluster: { redis: clients[1]!, keyPrefix: 'bdt:hcmc' } });
}, 60_000);

afterAll(async () => {
  await one?.close();
  await two?.close();
  await Promise.all(clients.map((c) => c.quit()));
  await redis?.stop();
});

describe('sessions, revocation and rate limits in Redis', () => {
  it("counts a source's requests across both nodes: the fourth within the minute is refused on whichever node gets it", async () => {
    expect((await one.post(DOSSIERS, { events: [] })).status).toBe(200);
    expect((await two.post(DOSSIERS, { events: [] }, two.dossierKey)).status).toBe(200);
    expect((await one.post(DOSSIERS, { events: [] })).status).toBe(200);
    const res = await fetch(two.url + DOSSIERS, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${two.dossierKey}` },
      body: '{"events":[]}',
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBe(20);
  });

  it('keeps a login in Redis, not in the file; a logout ends it and its socket; disabling the user ends the others', async () => {
    const leader = await one.as('city_leader');
    expect(one.runtime.store.sessions.liveHashes(one.clock.now()).size).toBe(0);
    expect(await clients[2]!.zCard('bdt:hcmc:session:live')).toBe(1);
    expect((await leader.get('/api/v1/auth/me')).body.user.username).toBe(leader.username);

    const s = await leader.socket();
    const gone = new Promise<string>((r) => s.once('disconnect', r));
    expect((await leader.post('/api/v1/auth/logout')).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect((await leader.get('/api/v1/auth/me')).body.user).toBeNull();

    const admin = await one.as('admin');
    const supervisor = await one.as('supervisor');
    expect((await supervisor.get('/api/v1/units/city/dossiers')).status).toBe(200);
    const disabled = await admin.post(`/api/v1/admin/users/${supervisor.username}/disable`);
    expect(disabled.status).toBe(200);
    expect((await supervisor.get('/api/v1/units/city/dossiers')).status).toBe(401);
    expect((await admin.get('/api/v1/auth/me')).body.user.username).toBe(admin.username);
  });

  it('answers 503 unavailable with Retry-After, never hangs or lets through, while Redis is down', async () => {
    const lone = await startRedis();
    const client = await connectRedis(lone.url, createLogger('silent'));
    const three = await startTestServer({ cluster: { redis: client, keyPrefix: 'bdt:hcmc' } });
    try {
      const leader = await three.as('city_leader');
      expect((await leader.get('/api/v1/auth/me')).body.user.username).toBe(leader.username);
      await lone.stop();
      const me = await leader.get('/api/v1/auth/me');
      expect(me.status).toBe(503);
      expect(me.body.error.code).toBe('unavailable');
      expect(me.headers.get('retry-after')).toBe('5');
      const batch = await three.post(DOSSIERS, { events: [] });
      expect([batch.status, batch.body.error.code]).toEqual([503, 'unavailable']);
      // No cookie, no question to the store: the public still reads.
      expect((await three.get('/api/v1/client-config')).status).toBe(200);
    } finally {
      await three.close();
      client.destroy();
    }
  }, 60_000);

  it("keeps another deployment's sessions, rate limits and socket stream apart on the same Redis (REDIS_KEY_PREFIX)", async () => {
    const client = await connectRedis(redis.url, createLogger('silent'));
    const other = await startTestServer({ security: { ingestRatePerMinute: 3 }, cluster: { redis: client, keyPrefix: 'bdt:vn' } });
    try {
      const leader = await one.as('city_leader');
      const me = async (s: TestServer) =>
        (await (await fetch(`${s.url}/api/v1/auth/me`, { headers: { cookie: leader.cookie! } })).json()) as { user: unknown };
      expect(((await me(one)).user as { username: string } | null)?.username).toBe(leader.username);
      expect((await me(other)).user).toBeNull();

      // Source 1 of this deployment spends its bucket; the other deployment's source 1 keeps its own.
      for (let i = 0; i < 3; i++) await one.post(DOSSIERS, { events: [] });
      for (let i = 0; i < 3; i++) expect((await other.post(DOSSIERS, { events: [] })).status).toBe(200);
      expect((await other.post(DOSSIERS, { events: [] })).status).toBe(429);

      const hcmcSessions = await client.zCard('bdt:hcmc:session:live');
      await other.as('city_leader');
      expect(await client.zCard('bdt:vn:session:live')).toBe(1);
      expect(await client.zCard('bdt:hcmc:session:live')).toBe(hcmcSessions);
      const streams = (await client.keys('*socket.io')).sort();
      expect(streams).toEqual(['bdt:hcmc:socket.io', 'bdt:vn:socket.io']);
    } finally {
      await other.close();
      client.destroy();
    }
  }, 60_000);
});
