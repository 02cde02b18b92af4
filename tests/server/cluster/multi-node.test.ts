/**
 * Three server processes (server/index.ts) on one SQLite file and one real Redis: A ingests
 * (NODE_ROLE=ingest), B and C serve screens (NODE_ROLE=web) behind a TCP balancer that sends new
 * connections to B while it lives, then to C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { startTcpBalancer, type TcpBalancer } from '../../helpers/tcp-balancer.js';
import { receivedEvent } from '../../helpers/test-server.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { createUser } from '../../../server/auth/users.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const KEY = 'cluster-test-secret-0123456789abc';
const SECRET = 'cluster-secret-0123456789abcdef0123';
const UNIT = '26740';
const LEADER = 'lanhdao';
const PASSWORD = 'correct horse battery';

interface Node {
  child: ChildProcess;
  url: string;
  port: number;
}

/** Starts server/index.ts with `env` and resolves once its log says `ready`. */
async function startNode(dir: string, env: Record<string, string>, ready: string): Promise<Node> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/index.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: '0',
      DASHBOARD_DB: join(dir, 'd.db'),
      BOUNDARIES_DIR: join(dir, 'b'),
      INGEST_KEYS: `cluster-test:dossier:${KEY}`,
      LOGIN_MAX_FAILURES: '3',
      LOG_LEVEL: 'info',
      SECRET: '',
      CLUSTER_SECRET: SECRET,
      ...env,
    },
  });
  await new Promise<void>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(ready)) res();
    });
    child.once('exit', (code) => rej(new Error(`node exited with ${code} before ready:\n${out.slice(-2000)}`)));
  });
  child.stdout!.resume();
  return { child, port, url: `http://127.0.0.1:${port}` };
}

interface Delta {
  seq: number;
  changes: Record<string, { received: number }>;
}

/** A screen: subscribes to the unit on every (re)connect, as the client does, and records what it gets. */
function screen(url: string) {
  const s: Socket = ioClient(url, { transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 500 });
  const log = { snapshots: [] as { seq: number; received: number }[], deltas: [] as (Delta & { at: number })[], connects: 0 };
  s.on('connect', () => {
    log.connects++;
    s.emit(
      'scope:subscribe',
      { scope: `unit:${UNIT}`, period: 'live' },
      (ack: { ok: boolean; seq: number; snapshot: { metrics: Record<string, { received: number }> } }) => {
        if (ack.ok) log.snapshots.push({ seq: ack.seq, received: ack.snapshot.metrics[`unit:${UNIT}`]!.received });
      },
    );
  });
  s.on('metrics:updated', (d: Delta) => log.deltas.push({ ...d, at: performance.now() }));
  /** The unit's received count as this screen knows it: the last snapshot, then every delta after it. */
  const received = () => {
    const snap = log.snapshots.at(-1)!;
    const after = log.deltas.filter((d) => d.seq > snap.seq && d.changes[`unit:${UNIT}`]);
    return after.length ? after.at(-1)!.changes[`unit:${UNIT}`]!.received : snap.received;
  };
  return { s, log, received };
}

async function ingest(a: Node, ids: string[]): Promise<void> {
  const res = await fetch(`${a.url}/api/v1/ingest/dossiers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: ids.map((id) => receivedEvent({ id: `e-${id}`, dossierId: `D-${id}` })) }),
  });
  expect(res.status).toBe(200);
}

const until = async (cond: () => boolean, ms: number, what: string) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const login = (node: Node, password: string) =>
  fetch(`${node.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: node.url },
    body: JSON.stringify({ username: 'nobody-here', password }),
  });

let dir: string;
let redis: TestRedis;
let a: Node, b: Node, c: Node;
let lb: TcpBalancer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bdt-cluster-'));
  redis = await startRedis();
  // A user in the shared file before the nodes open it (sessions then live in Redis).
  const store = createStore(openDatabase(join(dir, 'd.db')));
  await createUser(store, { username: LEADER, password: PASSWORD, role: 'city_leader', scopes: [], displayName: 'Lãnh đạo' }, Date.now());
  store.close();
  a = await startNode(dir, { NODE_ROLE: 'ingest', REDIS_URL: redis.url, DELTA_FLUSH_MS: '200' }, 'dashboard ready');
  const web = { NODE_ROLE: 'web', REDIS_URL: redis.url, INGEST_URL: a.url };
  [b, c] = await Promise.all([startNode(dir, web, 'web node ready'), startNode(dir, web, 'web node ready')]);
  lb = await startTcpBalancer([b.port, c.port]);
}, 240_000);

afterAll(async () => {
  for (const n of [a, b, c]) if (n && n.child.exitCode === null) n.child.kill('SIGKILL');
  await lb?.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** GET /auth/me on a node with a session cookie: the signed-in username, or null. */
const whoAmI = async (node: Node, cookie: string) => {
  const res = await fetch(`${node.url}/api/v1/auth/me`, { headers: { cookie } });
  return ((await res.json()) as { user: { username: string } | null }).user?.username ?? null;
};

describe('three nodes: one ingest, two web, one SQLite file, one Redis', () => {
  it("a session made on A is valid on B and C; a logout on C ends it on B, and B's socket of it is disconnected", async () => {
    const res = await fetch(`${a.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: a.url },
      body: JSON.stringify({ username: LEADER, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    expect([await whoAmI(b, cookie), await whoAmI(c, cookie)]).toEqual([LEADER, LEADER]);

    const s: Socket = ioClient(b.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    await new Promise<void>((r) => s.once('connect', () => r()));
    const gone = new Promise<string>((r) => s.once('disconnect', r));
    const out = await fetch(`${c.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: c.url, 'x-csrf-token': csrfToken },
    });
    expect(out.status).toBe(204);
    expect(await whoAmI(b, cookie)).toBeNull();
    // B's revocation sweep (every clock tick) asks Redis about its sockets' sessions.
    expect(await gone).toBe('io server disconnect');
  }, 60_000);

  it('an event ingested on A reaches screens on B and C within 1 s; killing B moves its screens to C with no gap in their sequence and nothing acknowledged lost; a lockout taken on B holds on C', async () => {
    const onB = [screen(`http://127.0.0.1:${lb.port}`), screen(`http://127.0.0.1:${lb.port}`)];
    const onC = screen(c.url);
    const all = [...onB, onC];
    await until(() => all.every((x) => x.log.snapshots.length === 1), 20_000, 'first snapshots');

    // Fan-out: one event on A, a delta on every screen of B and C.
    await ingest(a, ['one']);
    const acknowledged = performance.now();
    await until(() => all.every((x) => x.received() === 1), 5_000, 'the first delta');
    const latest = Math.max(...all.map((x) => x.log.deltas.at(-1)!.at)) - acknowledged;
    expect(latest).toBeLessThan(1_000);

    // A lockout taken on B (three failures) holds on C, even with any password.
    const onBStatuses = [];
    for (let i = 0; i < 3; i++) onBStatuses.push((await login(b, `wrong-${i}`)).status);
    expect(onBStatuses).toEqual([401, 401, 429]); // the third failure locks
    expect((await login(c, 'another')).status).toBe(429);

    // More events, then B dies; its screens come back through the balancer to C.
    await ingest(a, ['two', 'three']);
    await until(() => all.every((x) => x.received() === 3), 5_000, 'deltas before the kill');
    const seqOnB = onB.map((x) => x.log.deltas.at(-1)!.seq);
    b.child.kill('SIGKILL');
    await ingest(a, ['four']); // acknowledged while B's screens are away
    await until(() => onB.every((x) => x.log.snapshots.length === 2), 30_000, 'resubscriptions on C');
    await ingest(a, ['five', 'six']);
    await until(() => all.every((x) => x.received() === 6), 10_000, 'every acknowledged event on every screen');

    for (const [i, x] of onB.entries()) {
      const snap = x.log.snapshots[1]!;
      // The sequence continues where it was on B (one room seq across the nodes), and after the snapshot
      // every delta follows the one before it.
      expect(snap.seq).toBeGreaterThanOrEqual(seqOnB[i]!);
      const after = x.log.deltas.filter((d) => d.seq > snap.seq).map((d) => d.seq);
      expect(after).toEqual(after.map((_, k) => snap.seq + 1 + k));
    }
    const cSeqs = onC.log.deltas.map((d) => d.seq);
    expect(cSeqs).toEqual(cSeqs.map((_, k) => onC.log.snapshots[0]!.seq + 1 + k));
    for (const x of all) x.s.close();
  }, 120_000);
});
