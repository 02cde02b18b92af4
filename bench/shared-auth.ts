/**
 * What a request pays when sessions and rate limits live in Redis (several nodes) rather than in the
 * database file and the process (one node): --calls sequential session look-ups (findLive, what every
 * request with a cookie makes) and ingest rate-limit takes, each store in turn, rounds alternated
 * (A/B, then B/A) so both meet the same load. Reports per-call wall time (p50/p99, µs), this process's
 * CPU ms per 1,000 calls, and redis-server's (another process, read from /proc).
 *   npx tsx bench/shared-auth.ts [--calls 20000] [--runs 3]
 */
import { fileSessions, type SessionStore } from '../server/auth/session-store.js';
import { memoryRateLimits, type RateLimiter } from '../server/auth/rate-limit.js';
import { connectRedis } from '../server/cluster/redis.js';
import { redisSessions } from '../server/cluster/redis-sessions.js';
import { redisRateLimits } from '../server/cluster/redis-rate-limits.js';
import { openDatabase } from '../server/db/connection.js';
import { createStore } from '../server/db/store.js';
import { createLogger } from '../server/logger.js';
import { startRedis } from '../tests/helpers/redis-server.js';
import { cpuMs, isMain, log, numArg, round, runMain, summarize, tempDir } from './lib.js';

type Op = (i: number) => Promise<unknown>;

async function measure(op: Op, calls: number, redisPid: number) {
  const lat: number[] = [];
  const [cpu0, rcpu0] = [cpuMs(), cpuMs(redisPid)];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await op(i);
    lat.push((performance.now() - t) * 1000);
  }
  const s = summarize(lat);
  return {
    p50Us: round(s.p50),
    p99Us: round(s.p99),
    cpuMsPer1000: round(((cpuMs() - cpu0) * 1000) / calls, 2),
    redisCpuMsPer1000: round(((cpuMs(redisPid) - rcpu0) * 1000) / calls, 2),
  };
}

async function main(args: Map<string, string>) {
  const calls = numArg(args, 'calls', 20_000);
  const runs = numArg(args, 'runs', 3);
  const redis = await startRedis();
  const client = await connectRedis(redis.url, createLogger('silent'));
  const tmp = tempDir('bdt-shared-auth-');
  const file = `${tmp.dir}/d.db`;
  const store = createStore(openDatabase(file), file);
  const userId = store.users.create({ username: 'u', displayName: 'U', role: 'supervisor', passwordHash: 'x', scopes: [] }, 0).id;
  const now = Date.now();
  const sessions: Record<string, SessionStore> = { file: fileSessions(store.sessions), redis: redisSessions(client, 'bdt:bench') };
  for (const s of Object.values(sessions))
    await s.create({ idHash: 'h', userId, csrfToken: 'c', createdAt: now, expiresAt: now + 3_600_000, ip: null, userAgent: null });
  const limits: Record<string, RateLimiter> = {
    memory: memoryRateLimits('ingest', { perMinute: 1e9 }),
    redis: redisRateLimits(client, 'bdt:bench')('ingest', { perMinute: 1e9 }),
  };
  const results: Record<string, unknown[]> = {};
  const record = async (name: string, op: Op) => (results[name] ??= []).push(await measure(op, calls, redis.pid));
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? ['file', 'redis'] : ['redis', 'file'];
    for (const k of order) await record(`session findLive, ${k}`, () => sessions[k]!.findLive('h', now + 1));
    for (const k of order.map((o) => (o === 'file' ? 'memory' : o)))
      await record(`rate limit take, ${k}`, (i) => limits[k]!.take(`s${i % 50}`, now + i));
    log(`run ${r + 1}/${runs} done`);
  }
  await client.quit();
  await redis.stop();
  store.close();
  tmp.remove();
  return { calls, runs, results };
}

if (isMain(import.meta.url)) void runMain('shared-auth', main);
