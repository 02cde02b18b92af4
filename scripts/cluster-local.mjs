#!/usr/bin/env node
// npm run cluster:local — three nodes on one machine: redis-server (no persistence), one ingest node and
// two web nodes on one SQLite file (data/cluster.db). Prints the URLs; Ctrl-C stops them all.
// Ports: CLUSTER_PORT (ingest; the web nodes take the next two) and CLUSTER_REDIS_PORT.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const base = Number(process.env.CLUSTER_PORT ?? 3000);
const redisPort = Number(process.env.CLUSTER_REDIS_PORT ?? 6379);
const redisBin = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
const common = {
  ...process.env,
  HOST: process.env.HOST ?? '127.0.0.1',
  DASHBOARD_DB: process.env.DASHBOARD_DB ?? 'data/cluster.db',
  REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  CLUSTER_SECRET: process.env.CLUSTER_SECRET ?? randomBytes(24).toString('base64url'),
};
const children = [];

function start(name, cmd, args, env) {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line) => line && process.stdout.write(`[${name}] ${line}\n`);
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.on('data', (d) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop();
      lines.forEach(prefix);
    });
  }
  child.on('exit', (code, signal) => {
    prefix(`exited (${signal ?? code})`);
    if (!stopping) stop(1);
  });
  children.push(child);
  return child;
}

/** Resolves once `child` prints `text`. */
const printed = (child, text) =>
  new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (out.includes(text)) resolve();
    });
  });

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  // Web nodes first, then the ingest node (it flushes its projections), then Redis.
  const order = [...children].reverse();
  let left = order.length;
  if (!left) process.exit(code);
  for (const c of order) {
    if (c.exitCode !== null) {
      if (--left === 0) process.exit(code);
      continue;
    }
    c.once('exit', () => --left === 0 && process.exit(code));
    c.kill('SIGTERM');
  }
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const redis = start(
  'redis',
  redisBin,
  ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  process.env,
);
await printed(redis, 'Ready to accept connections');
const tsx = ['--import', 'tsx', 'server/index.ts'];
const ingest = start('ingest', process.execPath, tsx, { ...common, NODE_ROLE: 'ingest', PORT: String(base) });
await printed(ingest, 'dashboard ready');
const ingestUrl = `http://127.0.0.1:${base}`;
const webs = [1, 2].map((i) =>
  start(`web-${i}`, process.execPath, tsx, { ...common, NODE_ROLE: 'web', INGEST_URL: ingestUrl, PORT: String(base + i) }),
);
await Promise.all(webs.map((w) => printed(w, 'web node ready')));
process.stdout.write(
  [
    '',
    'Three nodes on one database file and one Redis:',
    `  ingest node  http://localhost:${base}      (ingest, metrics, clock; screens too)`,
    `  web node 1   http://localhost:${base + 1}`,
    `  web node 2   http://localhost:${base + 2}`,
    `  redis        redis://127.0.0.1:${redisPort}`,
    'Ctrl-C stops them all.',
    '',
  ].join('\n') + '\n',
);
