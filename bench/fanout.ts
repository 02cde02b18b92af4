/**
 * Fan-out (issue 15): how long an event takes to reach subscribed screens, and what it costs the server.
 *
 * Starts the server (DELTA_FLUSH_MS 500, the default), seeds a little realistic history, connects
 * --clients screens (bench/fanout-clients.ts: socket.io clients subscribed to `city` / `live`, or with
 * --mode poll pollers of the overview every --poll-ms), then --rounds times: POSTs one `received` event
 * for a new dossier of a rotating probe unit and records, per client, the time from the POST's start to
 * the client's first sight of it. Rounds are spaced by a random pause (--pause-ms, plus 0–500 ms) so
 * that POSTs fall at every phase of the flush timer.
 *
 *  --ingest-rate R   meanwhile POST realistic generator events at R events/s (never to a probe unit),
 *                    as a busy city's sources would; server CPU per client-update is reported.
 *  --client-procs K  spread the clients over K child processes (0: in this process), so the bench
 *                    client is not the limit at thousands of clients.
 *  --mode push,poll  one run of each, side by side: server CPU per second and mean staleness.
 *
 * Servers (--servers, comma-separated, default child,inproc):
 *  - child:  the server alone in its own process (production shape).
 *  - inproc: the runtime in this process, sharing the event loop with its clients (an upper bound:
 *            every client's decoding runs on the server's thread; only with --client-procs 0).
 *  - cluster: one ingest node and two web nodes on one Redis (bench/fanout-cluster.ts); events posted
 *            to the ingest node, the clients spread over the web nodes (at least one client process
 *            per web node); the server CPU figures are the ingest node's.
 *   npx tsx bench/fanout.ts [--clients 200] [--rounds 100] [--servers child,inproc] [--seed-events 10000]
 *   npx tsx bench/fanout.ts --clients 1000 --rounds 40 --servers child --ingest-rate 1000 --client-procs 2
 *   npx tsx bench/fanout.ts --clients 5000 --rounds 20 --servers child --client-procs 4
 *   npx tsx bench/fanout.ts --clients 1000 --rounds 12 --servers child --mode push,poll --pause-ms 5000 --client-procs 2
 * `--node-args=…` passes flags to the server child's node (`--node-args="--cpu-prof --cpu-prof-dir=/tmp/prof"`).
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadJurisdiction } from '../server/geo/jurisdiction-loader.js';
import { toVnIso } from '../server/domain/time.js';
import type { WireDossierEvent } from '../server/simulator/wire.js';
import { clientPool, epochNow, type ClientMode, type ClientPool, type GroupRoundResult } from './fanout-clients.js';
import { startIngestLoad } from './ingest-load.js';
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
/** Every this many units of the jurisdiction is a probe unit: the rounds' only, never the load's. */
const PROBE_EVERY = 21;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface RoundResult extends GroupRoundResult {
  unit: string;
  postMs: number;
  /** In-process only: time inside runtime.ingest.ingest for this POST (store + commit + engine). */
  serverIngestMs?: number;
}

interface RoundOptions {
  rounds: number;
  units: string[];
  tag: string;
  pauseMs: number;
  timeoutMs: number;
}

function probeEvent(tag: string, r: number, unit: string) {
  const now = Date.now();
  return {
    id: `fanout-${tag}-${r}:1`,
    dossierId: `fanout-${tag}-${r}`,
    type: 'received',
    at: toVnIso(now - 1_000),
    unit,
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
    channel: 'online',
    dueAt: toVnIso(now + 30 * 86_400_000),
  };
}

async function runRounds(server: BenchServer, pool: ClientPool, o: RoundOptions): Promise<RoundResult[]> {
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
  for (let r = 0; r < o.rounds; r++) {
    const unit = o.units[(r * 7) % o.units.length];
    const body = JSON.stringify({ events: [probeEvent(o.tag, r, unit)] });
    lastIngestMs = undefined;
    let postMs = 0;
    const t0 = epochNow();
    const got = await pool.round(unit, t0, o.timeoutMs, async () => {
      const res = await postIngest(server.url, '/api/v1/ingest/dossiers', server.dossierKey, body);
      postMs = epochNow() - t0;
      if (res.status !== 200 || res.accepted !== 1) throw new Error(`POST answered ${res.status}: ${res.text.slice(0, 300)}`);
    });
    out.push({ ...got, unit, postMs, serverIngestMs: lastIngestMs });
    await sleep(o.pauseMs + Math.random() * 500);
  }
  return out;
}

async function seed(server: BenchServer, events: readonly WireDossierEvent[]): Promise<void> {
  for (const b of chunk(events, 500)) {
    const r = await postIngest(server.url, '/api/v1/ingest/dossiers', server.dossierKey, JSON.stringify({ events: b }));
    if (r.status !== 200) throw new Error(`seed answered ${r.status}`);
  }
}

/** Resident set of a process (MiB), from /proc; NaN elsewhere. */
function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return Math.round(process.memoryUsage().rss / 2 ** 20);
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

function summarizeRun(rs: RoundResult[], m: { wallMs: number; otherCpuMs: number; cpuPressurePct: number }, child: boolean) {
  const all = rs.flatMap((r) => r.latencies);
  const lat = summarize(all);
  const updates = rs.reduce((a, r) => a + r.updates, 0);
  const mean = all.reduce((a, x) => a + x, 0) / all.length;
  return {
    deliveries: all.length,
    missed: rs.reduce((a, r) => a + r.missed, 0),
    latencyMs: roundSummary(lat),
    meanStalenessMs: round(mean, 1),
    ratioP99ToTarget: round(lat.p99 / TARGET_P99_MS, 3),
    lastClientPerRoundMs: roundSummary(summarize(rs.map((r) => Math.max(...r.latencies)))),
    postMs: roundSummary(summarize(rs.map((r) => r.postMs))),
    messageBytes: rs.find((r) => r.bytes)?.bytes ?? null,
    clientUpdates: updates,
    cpuPressurePct: m.cpuPressurePct,
    serverCpuMsPerRound: child ? round(m.otherCpuMs / rs.length, 1) : undefined,
    serverCpuMsPerS: child ? round(m.otherCpuMs / (m.wallMs / 1000), 1) : undefined,
    serverCpuUsPerClientUpdate: child && updates ? round((1000 * m.otherCpuMs) / updates, 1) : undefined,
    slowestRounds: [...rs]
      .sort((a, b) => Math.max(...b.latencies) - Math.max(...a.latencies))
      .slice(0, 3)
      .map((r) => ({
        postMs: round(r.postMs, 1),
        serverIngestMs: r.serverIngestMs && round(r.serverIngestMs, 1),
        lastMs: round(Math.max(...r.latencies), 1),
      })),
  };
}

interface RunOptions {
  kind: string;
  mode: ClientMode;
  clients: number;
  rounds: number;
  clientProcs: number;
  pollMs: number;
  pauseMs: number;
  flushMs: number;
  ingestRate: number;
  seedEvents: WireDossierEvent[];
  loadEvents: WireDossierEvent[];
  probeUnits: string[];
  /** Flags for the server child's node (`--node-args=…`, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`). */
  nodeArgs: string[];
}

async function runOne(o: RunOptions) {
  const tmp = tempDir('bdt-bench-fanout-');
  const dbFile = join(tmp.dir, 'dashboard.db');
  let pid: number | undefined;
  const cluster = o.kind === 'cluster' ? await startCluster({ dbFile, deltaFlushMs: o.flushMs }) : null;
  const server: BenchServer = cluster
    ? ((pid = cluster.pids[0]), cluster.server)
    : o.kind === 'child'
      ? await startChild({ dbFile, deltaFlushMs: o.flushMs, nodeArgs: o.nodeArgs }).then((c) => ((pid = c.child.pid), c))
      : await startInProcess({ dbFile, deltaFlushMs: o.flushMs });
  const clientUrls = cluster?.clientUrls ?? [server.url];
  const pool = clientPool(o.mode, Math.max(o.clientProcs, clientUrls.length > 1 ? clientUrls.length : 0), o.pollMs);
  const tag = `${o.kind}-${o.mode}`;
  try {
    log(`fanout[${tag}]: seeding ${o.seedEvents.length} events…`);
    await seed(server, o.seedEvents);
    const rssBeforeClients = rssMiB(pid);
    const conn = await pool.connect(clientUrls, o.clients);
    const rssConnected = rssMiB(pid);
    log(
      `fanout[${tag}]: ${o.clients} clients ready in ${Math.round(conn.connectMs)} ms (server RSS ${rssConnected} MiB); ${o.rounds} rounds…`,
    );
    const load = o.ingestRate ? startIngestLoad(server, o.loadEvents, o.ingestRate) : null;
    await sleep(o.mode === 'poll' ? o.pollMs : 1_000);
    const loop = o.kind === 'inproc' ? monitorEventLoopDelay({ resolution: 10 }) : null;
    loop?.enable();
    const timeoutMs = o.mode === 'poll' ? o.pollMs + 5_000 : 5_000;
    const m = await measured(
      () => runRounds(server, pool, { rounds: o.rounds, units: o.probeUnits, tag: `${tag}-${Date.now()}`, pauseMs: o.pauseMs, timeoutMs }),
      pid,
    );
    loop?.disable();
    const ingest = await load?.stop();
    const res = {
      mode: o.mode,
      clients: o.clients,
      clientProcs: o.clientProcs,
      rounds: o.rounds,
      ...summarizeRun(m.result, m, pid !== undefined),
      ingest,
      snapshotBytes: conn.snapshotBytes,
      connectAndSubscribeMs: Math.round(conn.connectMs),
      serverRssMiB: { beforeClients: rssBeforeClients, connected: rssConnected, afterRounds: rssMiB(pid) },
      eventLoopDelayMs: loop
        ? { p50: round(loop.percentile(50) / 1e6, 1), p99: round(loop.percentile(99) / 1e6, 1), max: round(loop.max / 1e6, 1) }
        : undefined,
    };
    log(`fanout[${tag}]: p50 ${res.latencyMs.p50} ms, p99 ${res.latencyMs.p99} ms, mean ${res.meanStalenessMs} ms, missed ${res.missed}`);
    return res;
  } finally {
    pool.close();
    await server.close();
    tmp.remove();
  }
}

export async function main(args: Map<string, string>) {
  const ingestRate = numArg(args, 'ingest-rate', 0);
  const rounds = numArg(args, 'rounds', 100);
  const pauseMs = numArg(args, 'pause-ms', 100);
  const flushMs = numArg(args, 'flush', 500);
  const list = (name: string, dflt: string) =>
    (args.get(name) ?? dflt)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const servers = list('servers', 'child,inproc');
  const modes = list('mode', 'push') as ClientMode[];
  const units = loadJurisdiction().units.map((u) => u.code);
  const probeUnits = units.filter((_, i) => i % PROBE_EVERY === 0);
  const seedCount = numArg(args, 'seed-events', 10_000);
  // The load's events: enough for the rounds at the set rate (with a margin), none of a probe unit.
  const loadCount = ingestRate ? Math.ceil(ingestRate * (rounds * (pauseMs / 1000 + 1.5) + 30)) : 0;
  const probes = new Set(probeUnits);
  const days = Math.max(10, Math.ceil((seedCount + loadCount) / 6_000));
  const city = generateCity({ days, scale: 1, maxEvents: seedCount + loadCount * 1.1 });
  const seedEvents = city.dossiers.slice(0, seedCount);
  // A dossier's later events name no unit: the dossier's first one does.
  const probeDossiers = new Set(city.dossiers.filter((e) => 'unit' in e && probes.has(e.unit)).map((e) => e.dossierId));
  const loadEvents = city.dossiers.slice(seedCount).filter((e) => !probeDossiers.has(e.dossierId));
  if (loadEvents.length < loadCount) log(`fanout: only ${loadEvents.length} load events for ${loadCount} wanted`);

  const results: Record<string, unknown> = {};
  for (const kind of servers)
    for (const mode of modes)
      results[`${kind}-${mode}`] = await runOne({
        kind,
        mode,
        clients: numArg(args, 'clients', 200),
        rounds,
        clientProcs: kind === 'inproc' ? 0 : numArg(args, 'client-procs', 0),
        pollMs: numArg(args, 'poll-ms', 5_000),
        pauseMs,
        flushMs,
        ingestRate,
        seedEvents,
        loadEvents,
        probeUnits,
        nodeArgs: (args.get('node-args') ?? '').split(/\s+/).filter(Boolean),
      });
  return { target: { p99Ms: TARGET_P99_MS, deltaFlushMs: flushMs }, seedEvents: seedCount, ingestRate, byServer: results };
}

if (isMain(import.meta.url)) void runMain('fanout', main);
