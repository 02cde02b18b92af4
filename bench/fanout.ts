/**
 * Target 2: an event reaches 200 subscribed clients within 1 s (p99).
 *
 * Starts the server (DELTA_FLUSH_MS 500, the default), seeds a little realistic history, connects
 * --clients 200 socket.io clients (websocket transport) each subscribed to `city` / `live` (with ack),
 * then --rounds times: POSTs one `received` event for a new dossier of a rotating unit and records, per
 * client, the time from the POST's start to the first `metrics:updated` whose changes contain that unit.
 * Rounds are spaced by a random pause so that POSTs fall at every phase of the flush timer.
 *
 * Servers (--servers, comma-separated, default child,inproc):
 *  - child:  the server alone in its own process (production shape); the 200 clients here.
 *  - inproc: the runtime in this process, sharing the event loop with its 200 clients (an upper bound:
 *            every client's decoding runs on the server's thread).
 *  - cluster: one ingest node and two web nodes on one Redis (bench/fanout-cluster.ts); events posted
 *            to the ingest node, the clients spread over the web nodes.
 *   npx tsx bench/fanout.ts [--clients 200] [--rounds 100] [--servers child,inproc] [--seed-events 10000]
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, MetricsUpdated, ServerToClientEvents, SubscribeAck } from '../server/realtime/events.js';
import { loadJurisdiction } from '../server/geo/jurisdiction-loader.js';
import { toVnIso } from '../server/domain/time.js';
import {
  chunk,
  generateCity,
  isMain,
  log,
  measured,
  numArg,
  postIngest,
  round,
  roundSummary,
  runMain,
  startChild,
  startInProcess,
  summarize,
  tempDir,
  type BenchServer,
} from './lib.js';
import { startCluster } from './fanout-cluster.js';

export const TARGET_P99_MS = 1_000;
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function connectClients(urls: string[], n: number): Promise<{ sockets: ClientSocket[]; connectMs: number; snapshotBytes: number }> {
  const t0 = performance.now();
  const sockets: ClientSocket[] = [];
  let snapshotBytes = 0;
  // 20 at a time, as a wall of screens would come up.
  for (let i = 0; i < n; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, async () => {
        const s: ClientSocket = ioClient(urls[sockets.length % urls.length]!, {
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
        });
        sockets.push(s);
        await new Promise<void>((res, rej) => {
          s.once('connect', () => res());
          s.once('connect_error', rej);
        });
        const ack = (await s.timeout(10_000).emitWithAck('scope:subscribe', { scope: 'city', period: 'live' })) as SubscribeAck;
        if (!ack.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
        if (!snapshotBytes) snapshotBytes = Buffer.byteLength(JSON.stringify(ack));
      }),
    );
  }
  return { sockets, connectMs: performance.now() - t0, snapshotBytes };
}

interface RoundResult {
  unit: string;
  postMs: number;
  /** In-process only: time inside runtime.ingest.ingest for this POST (store + commit + engine). */
  serverIngestMs?: number;
  /** ms from POST start to each client's receipt (received ones only). */
  latencies: number[];
  missed: number;
  /** last − first receipt: the fan-out spread across the 200 clients. */
  spreadMs: number;
  messageBytes: number;
}

async function runRounds(
  server: BenchServer,
  sockets: ClientSocket[],
  rounds: number,
  units: string[],
  tag: string,
): Promise<RoundResult[]> {
  const out: RoundResult[] = [];
  // In-process: time the server's ingest call itself, to tell a slow store from a busy event loop.
  let lastIngestMs: number | undefined;
  const rt = server.runtime;
  if (rt) {
    const ingest = rt.ingest.ingest.bind(rt.ingest);
    rt.ingest.ingest = (...a: Parameters<typeof ingest>) => {
      const t = performance.now();
      try {
        return ingest(...a);
      } finally {
        lastIngestMs = performance.now() - t;
      }
    };
  }
  let current: { unit: string; t0: number; got: Float64Array; n: number; bytes: number; done: () => void } | null = null;
  sockets.forEach((s, i) => {
    s.on('metrics:updated', (msg: MetricsUpdated) => {
      const c = current;
      if (!c || c.got[i] !== 0 || !msg.changes[`unit:${c.unit}`]) return;
      c.got[i] = performance.now();
      if (!c.bytes) c.bytes = Buffer.byteLength(JSON.stringify(msg));
      if (++c.n === sockets.length) c.done();
    });
  });
  for (let r = 0; r < rounds; r++) {
    const unit = units[(r * 37) % units.length];
    const now = Date.now();
    const event = {
      id: `fanout-${tag}-${r}:1`,
      dossierId: `fanout-${tag}-${r}`,
      type: 'received',
      at: toVnIso(now - 1_000),
      unit,
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
      channel: 'online',
      dueAt: toVnIso(now + 30 * 86_400_000),
    };
    const body = JSON.stringify({ events: [event] });
    let done!: () => void;
    const all = new Promise<void>((res) => (done = res));
    const t0 = performance.now();
    current = { unit, t0, got: new Float64Array(sockets.length), n: 0, bytes: 0, done };
    lastIngestMs = undefined;
    const res = await postIngest(server.url, '/api/v1/ingest/dossiers', server.dossierKey, body);
    const postMs = performance.now() - t0;
    if (res.status !== 200 || res.accepted !== 1) throw new Error(`POST answered ${res.status}: ${res.text.slice(0, 300)}`);
    await Promise.race([all, sleep(5_000)]);
    const c = current;
    current = null;
    const got = [...c.got].filter((x) => x > 0);
    const latencies = got.map((x) => x - t0);
    out.push({
      unit,
      postMs,
      serverIngestMs: lastIngestMs,
      latencies,
      missed: sockets.length - got.length,
      spreadMs: got.length ? Math.max(...got) - Math.min(...got) : NaN,
      messageBytes: c.bytes,
    });
    // A random pause, so the POSTs land at every phase of the 500 ms flush timer.
    await sleep(100 + Math.random() * 500);
  }
  return out;
}

async function seed(server: BenchServer, events: number): Promise<void> {
  if (!events) return;
  const city = generateCity({ days: 10, scale: 1, maxEvents: events });
  for (const b of chunk(city.dossiers, 500)) {
    const r = await postIngest(server.url, '/api/v1/ingest/dossiers', server.dossierKey, JSON.stringify({ events: b }));
    if (r.status !== 200) throw new Error(`seed answered ${r.status}`);
  }
}

export async function main(args: Map<string, string>) {
  const clients = numArg(args, 'clients', 200);
  const rounds = numArg(args, 'rounds', 100);
  const seedEvents = numArg(args, 'seed-events', 10_000);
  const flushMs = numArg(args, 'flush', 500);
  const servers = (args.get('servers') ?? 'child,inproc')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const units = loadJurisdiction().units.map((u) => u.code);

  const results: Record<string, unknown> = {};
  for (const kind of servers) {
    const tmp = tempDir('bdt-bench-fanout-');
    const dbFile = join(tmp.dir, 'dashboard.db');
    const cluster = kind === 'cluster' ? await startCluster({ dbFile, deltaFlushMs: flushMs }) : null;
    const server =
      cluster?.server ??
      (kind === 'child' ? await startChild({ dbFile, deltaFlushMs: flushMs }) : await startInProcess({ dbFile, deltaFlushMs: flushMs }));
    let sockets: ClientSocket[] = [];
    try {
      log(`fanout[${kind}]: seeding ${seedEvents} events…`);
      await seed(server, seedEvents);
      const conn = await connectClients(cluster?.clientUrls ?? [server.url], clients);
      sockets = conn.sockets;
      log(`fanout[${kind}]: ${clients} clients connected and subscribed in ${Math.round(conn.connectMs)} ms; ${rounds} rounds…`);
      await sleep(1_000);
      // The cluster's figure is the ingest node's CPU (it computes every delta; the web nodes relay them).
      const pid = cluster ? cluster.pids[0] : kind === 'child' ? (server as Awaited<ReturnType<typeof startChild>>).child.pid : undefined;
      const loop = kind === 'inproc' ? monitorEventLoopDelay({ resolution: 10 }) : null;
      loop?.enable();
      const m = await measured(() => runRounds(server, sockets, rounds, units, `${kind}-${Date.now()}`), pid);
      loop?.disable();
      const rs = m.result;
      const all = rs.flatMap((r) => r.latencies);
      const lat = summarize(all);
      const lastPerRound = summarize(rs.map((r) => Math.max(...r.latencies)));
      const missed = rs.reduce((a, r) => a + r.missed, 0);
      results[kind] = {
        clients,
        rounds,
        deliveries: all.length,
        missed,
        latencyMs: roundSummary(lat),
        ratioP99ToTarget: round(lat.p99 / TARGET_P99_MS, 3),
        lastClientPerRoundMs: roundSummary(lastPerRound),
        fanoutSpreadMs: roundSummary(summarize(rs.map((r) => r.spreadMs).filter(Number.isFinite))),
        postMs: roundSummary(summarize(rs.map((r) => r.postMs))),
        messageBytes: rs.find((r) => r.messageBytes)?.messageBytes ?? null,
        snapshotBytes: conn.snapshotBytes,
        connectAndSubscribeMs: Math.round(conn.connectMs),
        cpuPressurePct: m.cpuPressurePct,
        slowestRounds: [...rs]
          .sort((a, b) => Math.max(...b.latencies) - Math.max(...a.latencies))
          .slice(0, 5)
          .map((r) => ({
            postMs: round(r.postMs, 1),
            serverIngestMs: r.serverIngestMs === undefined ? undefined : round(r.serverIngestMs, 1),
            firstMs: round(Math.min(...r.latencies), 1),
            lastMs: round(Math.max(...r.latencies), 1),
          })),
        serverIngestMs:
          kind === 'inproc' ? roundSummary(summarize(rs.map((r) => r.serverIngestMs ?? NaN).filter(Number.isFinite))) : undefined,
        eventLoopDelayMs: loop
          ? { p50: round(loop.percentile(50) / 1e6, 1), p99: round(loop.percentile(99) / 1e6, 1), max: round(loop.max / 1e6, 1) }
          : undefined,
        serverCpuMsPerRound: kind !== 'inproc' ? round(m.otherCpuMs / rounds, 1) : undefined,
      };
      log(`fanout[${kind}]: p50 ${round(lat.p50, 0)} ms, p99 ${round(lat.p99, 0)} ms, max ${round(lat.max, 0)} ms, missed ${missed}`);
    } finally {
      for (const s of sockets) s.disconnect();
      await server.close();
      tmp.remove();
    }
  }
  return { target: { p99Ms: TARGET_P99_MS, clients, deltaFlushMs: flushMs }, seedEvents, byServer: results };
}

if (isMain(import.meta.url)) void runMain('fanout', main);
