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
  one = await startTestServer({ security, cluster: { redis: clients[0]! } });
  two = await startTestServer({ security, cluster: { redis: clients[1]! } });
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
    expect(await clients[2]!.zCard('bdt:session:live')).toBe(1);
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
    const three = await startTestServer({ cluster: { redis: client } });
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
});
