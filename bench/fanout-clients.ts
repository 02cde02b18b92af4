/**
 * The screens of the fan-out benchmark: a group of socket.io clients subscribed to `city` / `live`
 * (push), or of pollers of `GET /api/v1/overview?period=live` every --poll-ms (poll), run in this
 * process or spread over child processes (bench/fanout-client-child.ts) so that thousands of clients'
 * decoding does not make the bench client the limit.
 *
 * A round: the driver notes the POST's start (t0, epoch ms) and, once the POST is answered, its end;
 * each client reports when it first saw the round's event:
 *  - push: the first `metrics:updated` whose changes contain the round's unit (the load generator
 *    leaves the probe units alone, so only the round's event changes them);
 *  - poll: the first overview answer to a request sent after the POST was answered (the server
 *    applies an event before answering, and computes the overview on each request).
 * Times are epoch ms from performance.timeOrigin + performance.now(), comparable across processes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, MetricsUpdated, ServerToClientEvents, SubscribeAck } from '../server/realtime/events.js';
import { BENCH_DIR, ROOT } from './lib.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ClientMode = 'push' | 'poll';

/** Wall-clock epoch ms with sub-ms resolution, the same clock in every process of the machine. */
export const epochNow = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface GroupRoundResult {
  /** ms from the POST's start to each client's sight of the event (those that saw it). */
  latencies: number[];
  missed: number;
  /** Size of one matching message (push) or answer (poll), bytes. */
  bytes: number;
  /** Every `metrics:updated` (push) or overview answer (poll) the clients got during the round. */
  updates: number;
}

export interface ConnectResult {
  connectMs: number;
  snapshotBytes: number;
}

/** The clients of one process. */
export interface ClientGroup {
  connect(url: string, n: number): Promise<ConnectResult>;
  /** Starts watching for a round's event; resolves once every client saw it or `timeoutMs` passed. */
  round(unit: string, t0: number, timeoutMs: number): Promise<GroupRoundResult>;
  /** The POST of the current round was answered at `postEnd` (epoch ms). */
  posted(postEnd: number): void;
  close(): void;
}

interface Watch {
  unit: string;
  t0: number;
  postEnd: number;
  seen: Float64Array;
  n: number;
  bytes: number;
  done: () => void;
}

function finish(w: Watch, size: number): GroupRoundResult {
  const latencies: number[] = [];
  for (const x of w.seen) if (x > 0) latencies.push(x - w.t0);
  return { latencies, missed: size - latencies.length, bytes: w.bytes, updates: 0 };
}

/**
 * Watches one round; `updates` counts every update since the previous round ended (pauses included),
 * so that the rounds' sum covers the whole measured window.
 */
async function watchRound(
  w: Omit<Watch, 'done'>,
  size: number,
  timeoutMs: number,
  set: (w: Watch | null) => void,
  updates: { n: number },
): Promise<GroupRoundResult> {
  let done!: () => void;
  const all = new Promise<void>((res) => (done = res));
  const watch: Watch = { ...w, done };
  set(watch);
  await Promise.race([all, sleep(timeoutMs)]);
  set(null);
  const r = finish(watch, size);
  r.updates = updates.n;
  updates.n = 0;
  return r;
}

/** Socket.IO clients subscribed to city/live, connected 20 at a time as a wall of screens would come up. */
export function pushGroup(): ClientGroup {
  const sockets: ClientSocket[] = [];
  const updates = { n: 0 };
  let current: Watch | null = null;
  // When each socket last saw each scope: a busy client process can read a round's delta before the
  // parent's message that starts watching it, which must not count as missed.
  const lastSeen: Map<string, number>[] = [];
  return {
    async connect(url, n) {
      const t0 = performance.now();
      let snapshotBytes = 0;
      for (let i = 0; i < n; i += 20) {
        await Promise.all(
          Array.from({ length: Math.min(20, n - i) }, async () => {
            const s: ClientSocket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 120_000 });
            const idx = sockets.push(s) - 1;
            const seen = (lastSeen[idx] = new Map());
            s.on('metrics:updated', (msg: MetricsUpdated) => {
              updates.n++;
              const at = epochNow();
              for (const k in msg.changes) seen.set(k, at);
              const c = current;
              if (!c || c.seen[idx] !== 0 || !msg.changes[`unit:${c.unit}`]) return;
              c.seen[idx] = epochNow();
              if (!c.bytes) c.bytes = Buffer.byteLength(JSON.stringify(msg));
              if (++c.n === sockets.length) c.done();
            });
            await new Promise<void>((res, rej) => {
              s.once('connect', () => res());
              s.once('connect_error', rej);
            });
            const ack = (await s.timeout(120_000).emitWithAck('scope:subscribe', { scope: 'city', period: 'live' })) as SubscribeAck;
            if (!ack.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
            if (!snapshotBytes) snapshotBytes = Buffer.byteLength(JSON.stringify(ack));
          }),
        );
      }
      return { connectMs: performance.now() - t0, snapshotBytes };
    },
    round: (unit, t0, timeoutMs) =>
      watchRound(
        { unit, t0, postEnd: Infinity, seen: new Float64Array(sockets.length), n: 0, bytes: 0 },
        sockets.length,
        timeoutMs,
        (w) => {
          current = w;
          if (w === null) return;
          // Deltas of this round read before the watch began.
          lastSeen.forEach((m, i) => {
            const at = m.get(`unit:${unit}`);
            if (at !== undefined && at >= t0 && w.seen[i] === 0) {
              w.seen[i] = at;
              w.n++;
            }
          });
          if (w.n === sockets.length) w.done();
        },
        updates,
      ),
    posted() {},
    close() {
      for (const s of sockets) s.disconnect();
    },
  };
}

/** Pollers of the overview, each every `pollMs`, their phases spread evenly over the interval. */
export function pollGroup(pollMs: number): ClientGroup {
  let stopped = false;
  const updates = { n: 0 };
  let current: Watch | null = null;
  let size = 0;
  async function poller(url: string, idx: number): Promise<void> {
    await sleep((idx * pollMs) / size + Math.random() * 50);
    while (!stopped) {
      const sent = epochNow();
      const next = sleep(pollMs);
      try {
        const res = await fetch(`${url}/api/v1/overview?period=live`);
        const text = await res.text();
        const c = current;
        if (res.status === 200) updates.n++;
        if (res.status === 200 && c && c.seen[idx] === 0 && sent >= c.postEnd) {
          c.seen[idx] = epochNow();
          if (!c.bytes) c.bytes = Buffer.byteLength(text);
          if (++c.n === size) c.done();
        }
      } catch {
        // counted as missed if no answer comes in the round
      }
      await next;
    }
  }
  return {
    async connect(url, n) {
      size = n;
      const first = await fetch(`${url}/api/v1/overview?period=live`);
      const snapshotBytes = Buffer.byteLength(await first.text());
      for (let i = 0; i < n; i++) void poller(url, i);
      return { connectMs: 0, snapshotBytes };
    },
    round: (unit, t0, timeoutMs) =>
      watchRound(
        { unit, t0, postEnd: Infinity, seen: new Float64Array(size), n: 0, bytes: 0 },
        size,
        timeoutMs,
        (w) => (current = w),
        updates,
      ),
    posted(postEnd) {
      if (current) current.postEnd = postEnd;
    },
    close() {
      stopped = true;
    },
  };
}

export function localGroup(mode: ClientMode, pollMs: number): ClientGroup {
  return mode === 'push' ? pushGroup() : pollGroup(pollMs);
}

/** Messages between the driver and a client process. */
export type ToChild =
  | { type: 'connect'; url: string; n: number }
  | { type: 'round'; unit: string; t0: number; timeoutMs: number }
  | { type: 'posted'; postEnd: number }
  | { type: 'close' };
export type FromChild =
  { type: 'connected'; result: ConnectResult } | { type: 'round'; result: GroupRoundResult } | { type: 'error'; message: string };

/** One client process, driven over IPC; replies come in the order of the requests. */
function childGroup(mode: ClientMode, pollMs: number): ClientGroup & { pid: number | undefined } {
  const child: ChildProcess = fork(join(BENCH_DIR, 'fanout-client-child.ts'), [mode, String(pollMs)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: ((m: FromChild) => void)[] = [];
  child.on('message', (m: FromChild) => waiting.shift()?.(m));
  const ask = <T>(msg: ToChild): Promise<T> =>
    new Promise<T>((res, rej) => {
      waiting.push((m) => (m.type === 'error' ? rej(new Error(m.message)) : res(m.result as T)));
      child.send(msg);
    });
  return {
    pid: child.pid,
    connect: (url, n) => ask<ConnectResult>({ type: 'connect', url, n }),
    round: (unit, t0, timeoutMs) => ask<GroupRoundResult>({ type: 'round', unit, t0, timeoutMs }),
    posted: (postEnd) => void child.send({ type: 'posted', postEnd } satisfies ToChild),
    close() {
      if (child.connected) child.send({ type: 'close' } satisfies ToChild);
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    },
  };
}

/** `n` clients in this process (procs 0) or spread evenly over `procs` child processes. */
export function clientPool(mode: ClientMode, procs: number, pollMs: number) {
  const groups: ClientGroup[] = procs > 0 ? Array.from({ length: procs }, () => childGroup(mode, pollMs)) : [localGroup(mode, pollMs)];
  return {
    /** Connects n clients, group i to urls[i % urls.length] (several URLs: the web nodes of a cluster). */
    async connect(urls: string[], n: number): Promise<ConnectResult> {
      const t0 = performance.now();
      const share = (i: number) => Math.floor(n / groups.length) + (i < n % groups.length ? 1 : 0);
      const rs = await Promise.all(groups.map((g, i) => g.connect(urls[i % urls.length], share(i))));
      return { connectMs: performance.now() - t0, snapshotBytes: rs[0].snapshotBytes };
    },
    async round(unit: string, t0: number, timeoutMs: number, post: () => Promise<void>): Promise<GroupRoundResult> {
      const pending = Promise.all(groups.map((g) => g.round(unit, t0, timeoutMs)));
      await post();
      const postEnd = epochNow();
      for (const g of groups) g.posted(postEnd);
      const rs = await pending;
      return {
        latencies: rs.flatMap((r) => r.latencies),
        missed: rs.reduce((a, r) => a + r.missed, 0),
        bytes: rs.find((r) => r.bytes)?.bytes ?? 0,
        updates: rs.reduce((a, r) => a + r.updates, 0),
      };
    },
    close(): void {
      for (const g of groups) g.close();
    },
  };
}
export type ClientPool = ReturnType<typeof clientPool>;
