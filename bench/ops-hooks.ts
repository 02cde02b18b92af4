/**
 * The cost of the observability hooks on the ingest path, measured alone (the whole ingest bench is
 * too noisy on a shared machine to see a few hundred nanoseconds per event):
 *  - the clock-skew push, once per accepted event (a Float64Array ring write);
 *  - recordBatch, once per batch (a loop over its results, three counter increments);
 *  - the read side: a median over a full window, and a whole /metrics scrape's text.
 * CPU time of this thread (process.cpuUsage), median of --reps repetitions.
 *   npx tsx bench/ops-hooks.ts [--reps 7] [--events 2000000]
 */
import { createClockSkewTracker, CLOCK_SKEW_WINDOW } from '../server/metrics/clock-skew.js';
import { createOpsMetrics } from '../server/observability/ops-metrics.js';
import { registerStoreGauges } from '../server/observability/ops-gauges.js';
import type { EventResult } from '../server/ingest/service.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const REPS = arg('reps', 7);
const EVENTS = arg('events', 2_000_000);
const BATCH = 500;

function cpuNs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) * 1000;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main(): Promise<void> {
  const skew = createClockSkewTracker();
  const ops = createOpsMetrics();
  // A batch as the ingest path answers it: 1 % rejected (on `unit`), the rest accepted.
  const results: EventResult[] = Array.from({ length: BATCH }, (_, i) =>
    i % 100 === 0
      ? { index: i, id: `e${i}`, status: 'rejected', errors: [{ path: 'unit', message: 'unknown code' }] }
      : { index: i, id: `e${i}`, status: 'accepted' },
  );
  const push: number[] = [];
  const record: number[] = [];
  const medianRead: number[] = [];
  for (let r = 0; r < REPS; r++) {
    let sink = 0;
    push.push(
      cpuNs(() => {
        for (let b = 0; b < EVENTS / BATCH; b++) {
          const w = skew.window(b % 40); // looked up once per batch, as the ingest path does
          for (let i = 0; i < BATCH; i++) w.push(i * 7 - 1_000, i);
        }
      }) / EVENTS,
    );
    record.push(
      cpuNs(() => {
        for (let b = 0; b < EVENTS / BATCH; b++) ops.recordBatch('dossier', results);
      }) / EVENTS,
    );
    medianRead.push(
      cpuNs(() => {
        for (let s = 0; s < 40; s++) sink += skew.of(s).medianMs ?? 0;
      }) / 40,
    );
    if (sink === 42) console.log('');
  }
  registerStoreGauges(ops.registry, {
    projectionLagEvents: () => 0,
    dbFile: '/nonexistent',
    databaseBytes: () => 0,
    sourceSkews: () => Array.from({ length: 40 }, (_, s) => ({ name: `source-${s}`, kind: 'dossier', ...skew.of(s) })),
  });
  const scrape: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = process.cpuUsage();
    await ops.registry.metrics();
    const t = process.cpuUsage(t0);
    scrape.push((t.user + t.system) / 1000);
  }
  const out = {
    events: EVENTS,
    reps: REPS,
    skewPushNsPerEvent: Number(median(push).toFixed(2)),
    recordBatchNsPerEvent: Number(median(record).toFixed(2)),
    skewMedianUsPerSource: Number((median(medianRead) / 1000).toFixed(1)),
    window: CLOCK_SKEW_WINDOW,
    scrapeMsFor40Sources: Number(median(scrape).toFixed(2)),
  };
  console.log(JSON.stringify(out, null, 2));
}

void main();
