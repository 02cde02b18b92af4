import { spawn, type ChildProcess } from 'node:child_process';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection.js';
import { receivedEvent } from '../helpers/test-server.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const KEY = 'shutdown-test-secret-0123456789';
const PORTS = { drain: 5741, second: 5742, grace: 5743 };

/** `n` valid `received` events of distinct dossiers, ids prefixed by `tag`. */
function batch(tag: string, n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => receivedEvent({ id: `${tag}-${i}`, dossierId: `D-${tag}-${i}` }));
}

interface Server {
  child: ChildProcess;
  url: string;
  dbFile: string;
  /** Resolves once a log line's `msg` contains `text`. */
  logged(text: string): Promise<void>;
  /** The `msg` of every log line so far. */
  messages(): string[];
  /** The parsed log line whose `msg` contains `text`. */
  line(text: string): Record<string, unknown> | undefined;
  exit: Promise<{ code: number | null; at: number }>;
}

/** server/index.ts itself (npm start without the client build), non-demo, with one dossier source. */
async function startServer(dir: string, port: number, env: Record<string, string> = {}): Promise<Server> {
  const dbFile = join(dir, 'd.db');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/index.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: '0',
      DASHBOARD_DB: dbFile,
      BOUNDARIES_DIR: join(dir, 'b'),
      INGEST_KEYS: `shutdown-test:dossier:${KEY}`,
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  const lines: string[] = [];
  const records: Record<string, unknown>[] = [];
  let buf = '';
  const waiters: { text: string; resolve(): void }[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let msg = line;
      try {
        const record = JSON.parse(line) as Record<string, unknown>;
        records.push(record);
        msg = String(record.msg ?? '');
      } catch {
        // not a log line
      }
      lines.push(msg);
      for (const w of waiters.filter((x) => msg.includes(x.text))) w.resolve();
    }
  });
  const exit = new Promise<{ code: number | null; at: number }>((res) => child.once('exit', (code) => res({ code, at: Date.now() })));
  const logged = (text: string) =>
    lines.some((m) => m.includes(text))
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((res) => waiters.push({ text, resolve: res })),
          exit.then(({ code }) => Promise.reject(new Error(`server exited (${code}) before logging "${text}"`))),
        ]);
  await logged('dashboard ready');
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    dbFile,
    logged,
    messages: () => [...lines],
    line: (text) => records.find((r) => String(r.msg).includes(text)),
    exit,
  };
}

async function post(url: string, events: unknown[]): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/v1/ingest/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ events }),
  });
  return { status: res.status, body: await res.json() };
}

/** An ingest request whose body is sent in two parts: the first now, the rest when `finish()` is called. */
function slowPost(url: string, events: unknown[]): { req: ClientRequest; finish(): void; answer: Promise<{ status: number; body: any }> } {
  const body = Buffer.from(JSON.stringify({ events }));
  const half = Math.floor(body.length / 2);
  const req = request(`${url}/api/v1/ingest/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, 'content-length': body.length },
  });
  const answer = new Promise<{ status: number; body: any }>((res, rej) => {
    req.once('response', (r: IncomingMessage) => {
      let text = '';
      r.on('data', (d: Buffer) => (text += d.toString()));
      r.on('end', () => res({ status: r.statusCode!, body: JSON.parse(text) }));
    });
    req.once('error', rej);
  });
  req.write(body.subarray(0, half));
  return { req, finish: () => req.end(body.subarray(half)), answer };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('graceful shutdown of the real server process (SIGTERM, SIGINT)', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'bdt-shutdown-'));
    dirs.push(d);
    return d;
  };

  it('on SIGTERM answers the batch in flight, refuses new connections, catches the projections up, logs each step and exits 0', async () => {
    const server = await startServer(tempDir(), PORTS.drain);
    children.push(server.child);
    const first = await post(server.url, batch('a', 30));
    expect(first).toMatchObject({ status: 200, body: { accepted: 30 } });

    const inFlight = slowPost(server.url, batch('b', 40));
    await sleep(300); // the server has the request's head: it is admitted and waits for the rest of its body
    server.child.kill('SIGTERM');
    await server.logged('stopped accepting');
    expect(server.line('stopped accepting')).toMatchObject({ inFlight: 1 });
    // The listening socket is closed: a new connection is refused.
    await expect(post(server.url, batch('c', 1))).rejects.toThrow();
    inFlight.finish();
    expect(await inFlight.answer).toMatchObject({ status: 200, body: { accepted: 40, rejected: 0 } });

    expect((await server.exit).code).toBe(0);
    const steps = [
      'shutting down',
      'stopped accepting connections and ingest batches',
      'in-flight ingest batches answered',
      'projections caught up with the event log',
      'Socket.IO and HTTP closed',
      'database closed',
      'shutdown complete',
    ];
    const messages = server.messages();
    const at = steps.map((s) => messages.findIndex((m) => m.includes(s)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);

    // After the exit: both batches in the log, once each; the projections at the log's end, one row per dossier.
    const db = openDatabase(server.dbFile);
    try {
      const ids = db.prepare(`SELECT event_id FROM events ORDER BY seq`).pluck().all() as string[];
      expect(ids).toEqual([...batch('a', 30), ...batch('b', 40)].map((e) => e.id));
      const maxSeq = db.prepare(`SELECT max(seq) FROM events`).pluck().get();
      expect(Number(db.prepare(`SELECT value FROM meta WHERE key = 'projections.seq'`).pluck().get())).toBe(maxSeq);
      const logged = db.prepare(`SELECT DISTINCT item_id FROM events WHERE kind = 'dossier' ORDER BY item_id`).pluck().all();
      expect(db.prepare(`SELECT id FROM dossiers ORDER BY id`).pluck().all()).toEqual(logged);
    } finally {
      db.close();
    }
  }, 60_000);

  it('exits at once with 128 + the signal number on a second signal during a slow shutdown', async () => {
    const server = await startServer(tempDir(), PORTS.second, { SHUTDOWN_GRACE_MS: '60000' });
    children.push(server.child);
    // A batch whose body never completes holds the shutdown in its grace period.
    const stuck = slowPost(server.url, batch('s', 10));
    stuck.answer.catch(() => {});
    await sleep(300);
    server.child.kill('SIGINT');
    await server.logged('stopped accepting');
    await sleep(200);
    expect(server.child.exitCode).toBeNull();
    const second = Date.now();
    server.child.kill('SIGTERM');
    const { code, at } = await server.exit;
    expect(code).toBe(128 + 15);
    expect(at - second).toBeLessThan(2_000);
    expect(server.messages().some((m) => m.includes('second signal'))).toBe(true);
    stuck.req.destroy();
  }, 60_000);

  it('cuts off a batch still in flight after SHUTDOWN_GRACE_MS, logs nothing of it and still exits 0', async () => {
    const server = await startServer(tempDir(), PORTS.grace, { SHUTDOWN_GRACE_MS: '500' });
    children.push(server.child);
    const stuck = slowPost(server.url, batch('s', 10));
    await sleep(300);
    server.child.kill('SIGTERM');
    await expect(stuck.answer).rejects.toThrow();
    expect((await server.exit).code).toBe(0);
    expect(server.line('still in flight after the grace period')).toMatchObject({ inFlight: 1, graceMs: 500 });
    const db = openDatabase(server.dbFile);
    try {
      expect(db.prepare(`SELECT count(*) FROM events`).pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  }, 60_000);
});
