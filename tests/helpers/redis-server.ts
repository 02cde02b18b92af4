/**
 * A real redis-server (Debian's, /usr/bin/redis-server; scripts/ensure-test-deps.mjs installs it) on
 * loopback, on a free port, without persistence: started by a test, stopped by it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { connectRedis, type RedisClient } from '../../server/cluster/redis.js';
import { createLogger } from '../../server/logger.js';

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server';

export interface TestRedis {
  url: string;
  port: number;
  /** The server's process id (benchmarks read its CPU time). */
  pid: number;
  stop(): Promise<void>;
}

/** A port the system says is free now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts redis-server and resolves once it accepts connections; throws (never skips) when it is missing. */
export async function startRedis(): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(`${REDIS_SERVER} is missing: run node scripts/ensure-test-deps.mjs (or sudo apt-get install -y redis-server)`);
  }
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start in 10 s:\n${out}`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${out}`));
    });
  });
  child.stdout!.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A Redis server for the file's tests and two connections to it, as two nodes would hold: started
 * before all tests, closed after. Read `a` and `b` inside tests (they are set once the server is up).
 */
export function useTwoRedisConnections(): { readonly a: RedisClient; readonly b: RedisClient } {
  let redis: TestRedis | undefined;
  let a: RedisClient | undefined;
  let b: RedisClient | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    const logger = createLogger('silent');
    [a, b] = await Promise.all([connectRedis(redis.url, logger), connectRedis(redis.url, logger)]);
  });
  afterAll(async () => {
    await Promise.all([a?.quit(), b?.quit()]);
    await redis?.stop();
  });
  return {
    get a() {
      return a as RedisClient;
    },
    get b() {
      return b as RedisClient;
    },
  };
}
