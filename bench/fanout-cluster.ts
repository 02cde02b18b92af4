/**
 * Three nodes for bench/fanout.ts (--servers cluster): a real redis-server, one ingest node and two web
 * nodes (server/index.ts, NODE_ROLE=ingest|web) on one database file. Events are posted to the ingest
 * node; the clients are spread over the web nodes, so every delta crosses Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, startRedis } from '../tests/helpers/redis-server.js';
import type { BenchServer } from './lib.js';

const ROOT = join(import.meta.dirname, '..');
const KEY = 'bench-cluster-dossiers-0123456789abcdef';

async function node(env: Record<string, string>, ready: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/index.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEMO: '0', ...env },
  });
  await new Promise<void>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(ready)) res();
    });
    child.once('exit', (code) => rej(new Error(`node exited with ${code}: ${out.slice(-1000)}`)));
  });
  child.stdout!.resume();
  return { child, url: `http://127.0.0.1:${port}` };
}

/** The ingest node as the BenchServer (events go there), the web nodes' URLs for the clients, and their pids. */
export async function startCluster(opts: { dbFile: string; deltaFlushMs: number; webNodes?: number }) {
  const redis = await startRedis();
  const common = {
    DASHBOARD_DB: opts.dbFile,
    BOUNDARIES_DIR: join(opts.dbFile, '..', 'b'),
    REDIS_URL: redis.url,
    CLUSTER_SECRET: 'bench-cluster-secret-0123456789abcdef',
    DELTA_FLUSH_MS: String(opts.deltaFlushMs),
    INGEST_KEYS: `bench-dossiers:dossier:${KEY}`,
    // The ready lines are info (the bench reads the log only until them).
    LOG_LEVEL: 'info',
  };
  const ingest = await node({ ...common, NODE_ROLE: 'ingest' }, 'dashboard ready');
  const webs = await Promise.all(
    Array.from({ length: opts.webNodes ?? 2 }, () => node({ ...common, NODE_ROLE: 'web', INGEST_URL: ingest.url }, 'web node ready')),
  );
  const children = [ingest.child, ...webs.map((w) => w.child)];
  const server: BenchServer = {
    url: ingest.url,
    dbFile: opts.dbFile,
    dossierKey: KEY,
    taskKey: '',
    restoreMs: NaN,
    async close() {
      const exited = children.filter((c) => c.exitCode === null).map((c) => new Promise<void>((r) => c.once('exit', () => r())));
      for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
      await Promise.all(exited);
      await redis.stop();
    },
  };
  return { server, clientUrls: webs.map((w) => w.url), pids: children.map((c) => c.pid!) };
}
