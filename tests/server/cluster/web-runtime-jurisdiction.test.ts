/**
 * A web node (NODE_ROLE=web) serves the jurisdiction the cluster is configured with: with
 * JURISDICTION=vn its reads know the 3,321 communes and the 34 province cells, as the ingest node does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebRuntime, type WebRuntime } from '../../../server/cluster/web-runtime.js';
import { connectRedis, type RedisClient } from '../../../server/cluster/redis.js';
import { createLogger } from '../../../server/logger.js';
import { manualClock } from '../../../server/clock.js';
import { startRedis, type TestRedis } from '../../helpers/redis-server.js';

describe('a web node with JURISDICTION=vn', () => {
  let redis: TestRedis;
  let client: RedisClient;
  let web: WebRuntime;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'web-vn-'));

  beforeAll(async () => {
    redis = await startRedis();
    const logger = createLogger('silent');
    client = await connectRedis(redis.url, logger);
    web = createWebRuntime({
      dbFile: join(dir, 'd.db'),
      clock: manualClock(Date.parse('2026-11-20T09:00:00+07:00')),
      logger,
      build: 'test',
      redis: client,
      redisKeyPrefix: 'bdt:vn',
      ingestUrl: 'http://127.0.0.1:9', // never asked: these reads are the node's own
      secret: 'cluster-secret-0123456789abcdef0123',
      boundariesDir: join(dir, 'b'),
      jurisdiction: 'vn',
      clientDir: null,
    });
    await new Promise<void>((r) => web.app.http.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(web.app.http.address() as { port: number }).port}/api/v1`;
  }, 60_000);

  afterAll(async () => {
    await web?.close();
    await client?.quit();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the national pack’s communes and provinces', async () => {
    const j = await (await fetch(`${base}/jurisdiction`)).json();
    expect(j.units).toHaveLength(3321);
    expect(j.provinces).toHaveLength(34);
  });

  it('serves the province cells (a city pack answers 404 there)', async () => {
    const res = await fetch(`${base}/jurisdiction/province-boundaries`);
    expect(res.status).toBe(200);
    expect((await res.json()).features).toHaveLength(34);
  });
});
