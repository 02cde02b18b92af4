/**
 * The server alone in its own process, for benchmarks that should not share an event loop with their
 * clients (and for the restart's whole-process ready time). Mirrors server/index.ts without the demo:
 * createRuntime on --db, one dossier and one task source with fresh keys, listen on 127.0.0.1:0, wait
 * for runtime.ready (after an unclean stop, the recovery of the projections runs while it listens),
 * then prints one line `READY {json}` on stdout. Exits when stdin closes or on SIGTERM.
 *   node --import tsx bench/server-child.ts --db /tmp/x.db [--flush 500]
 *
 * Lines on stdin ask for figures: `mem` (optionally `mem gc`, after a full collection when started
 * with --expose-gc) prints `MEM {json}` (bench/memory-phases.ts); `sync` waits until the projections
 * caught up with the log and prints `SYNCED {json}`; `settle` ends a running history load (as its idle
 * timeout would) and then waits the same way, printing `SETTLED {json}`.
 */
import type { AddressInfo } from 'node:net';
import { createRuntime } from '../server/runtime.js';
import { systemClock } from '../server/clock.js';
import { createLogger } from '../server/logger.js';
import { generateSourceKey, hashSourceKey } from '../server/ingest/keys.js';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { memoryPhase } from './memory-phases.js';
import { startHeapMode } from '../server/heap-mode.js';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dbFile = arg('db');
if (!dbFile) {
  console.error('usage: server-child.ts --db <file> [--flush <ms>]');
  process.exit(2);
}

const t0 = performance.now();
const runtime = createRuntime({
  dbFile,
  clock: systemClock,
  logger: createLogger('silent'),
  build: 'bench',
  clientDir: null,
  deltaFlushMs: Number(arg('flush') ?? 500),
  boundariesDir: join(dirname(dbFile), 'boundaries'),
  // As server/index.ts does (BENCH_SPEED_HEAPS=1: V8's default heaps throughout, for an A/B of the cost).
  heapMode: process.env.BENCH_SPEED_HEAPS === '1' ? undefined : startHeapMode(),
});
const createRuntimeMs = performance.now() - t0;
const dossierKey = generateSourceKey();
const taskKey = generateSourceKey();
runtime.store.sources.upsertKey('bench-dossiers', 'dossier', hashSourceKey(dossierKey), Date.now());
runtime.store.sources.upsertKey('bench-tasks', 'task', hashSourceKey(taskKey), Date.now());
// bench/import.ts imports in history-load mode (README "Bulk backfill"), which a source must be allowed.
runtime.store.sources.update('bench-dossiers', { historyLoad: true });
await new Promise<void>((res) => runtime.app.http.listen(0, '127.0.0.1', res));
const listeningMs = performance.now();
await runtime.ready;
const { port } = runtime.app.http.address() as AddressInfo;
process.stdout.write(
  `READY ${JSON.stringify({
    url: `http://127.0.0.1:${port}`,
    dossierKey,
    taskKey,
    restoreMs: runtime.restoreMs,
    // performance.now() counts from the process's time origin: node start, tsx loader, imports, restore.
    processReadyMs: performance.now(),
    listeningMs,
    createRuntimeMs,
    openDossiers: runtime.engine.openCount.dossiers,
    // CPU time of this process up to now (user + system), to tell CPU work from waiting (I/O, contention).
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  })}\n`,
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  runtime.app.http.closeAllConnections?.();
  await runtime.close();
  process.exit(0);
}
createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, opt] = line.trim().split(/\s+/);
  if (cmd === 'mem') {
    // The writer's thread first (its collection then counts in the process's figures read after it).
    void runtime.projections.heap(opt === 'gc').then((writerHeap) => {
      process.stdout.write(`MEM ${JSON.stringify({ ...memoryPhase(runtime, opt === 'gc'), writerHeap })}\n`);
    });
  } else if (cmd === 'sync' || cmd === 'settle') {
    const t = performance.now();
    if (cmd === 'settle') runtime.historyLoad.end();
    runtime.projections.sync();
    process.stdout.write(`${cmd === 'sync' ? 'SYNCED' : 'SETTLED'} ${JSON.stringify({ ms: Math.round(performance.now() - t) })}\n`);
  }
});
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
