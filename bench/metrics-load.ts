/**
 * Micro benchmark of a metrics-engine restart at city scale: 5,000,000 finished dossiers loaded from
 * their persisted facts (engine.finished.dossier) and 150,000 open dossiers loaded as states
 * (loadOpenDossier, which classifies each one on the working calendar), then one clock advance of a
 * full day over that backlog. Run: npx tsx bench/metrics-load.ts
 */
import { loadWorkCalendar } from '../server/config/calendar-loader.js';
import { foldDossier } from '../server/domain/dossier.js';
import { parseIsoWithOffset, vnDayIndex } from '../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../server/domain/types.js';
import type { Channel, DossierState } from '../server/domain/types.js';
import { MetricsEngine } from '../server/metrics/engine.js';
import type { DossierOutcome, FinishedDossierFacts } from '../server/metrics/footprint.js';
import type { ScopeKey } from '../server/metrics/types.js';

const FINISHED = 5_000_000;
const OPEN = 150_000;
/** Distinct synthetic fact rows, cycled (5M row objects would measure the garbage collector instead). */
const FACT_POOL = 500_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 0x5eed;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const now = parseIsoWithOffset('2025-12-15T10:00:00+07:00') as number;
const today = vnDayIndex(now);
const units = Array.from({ length: 168 }, (_, i) => String(26_000 + i * 7));
const departments = [
  'STP',
  'SXD',
  'SYT',
  'STC',
  'SNV',
  'SGDDT',
  'SCT',
  'SNNMT',
  'SKHCN',
  'SVHTT',
  'SDL',
  'SDTTG',
  'TTTP',
  'VPUB',
  'SNGV',
  'BQLKCX',
  'BQLCNC',
  'CATP',
];
const codes = [...units, ...departments];
const unitSet = new Set(units);
const scopeOf = (code: string): ScopeKey | null => (unitSet.has(code) ? `unit:${code}` : `department:${code}`);

function syntheticFacts(): FinishedDossierFacts {
  const receivedDay = today - Math.floor(rand() * 365);
  const endDay = Math.min(today, receivedDay + Math.floor(rand() * 15));
  const r = rand();
  const outcome: DossierOutcome = r < 0.55 ? 'early' : r < 0.96 ? 'on_time' : r < 0.99 ? 'late' : r < 0.995 ? 'withdrawn' : 'stopped';
  const done = outcome === 'early' || outcome === 'on_time' || outcome === 'late';
  return {
    code: pick(codes),
    receivedDay,
    online: rand() < 0.68 ? 1 : 0,
    endDay,
    outcome,
    processingBin: done ? Math.floor(rand() * 150) : null,
    apologyDays: outcome === 'late' && rand() < 0.5 ? String(endDay - 1) : null,
    buckPassingCases: rand() < 0.005 ? 1 : 0,
  };
}

const calendar = loadWorkCalendar();
const ctx = { calendar, settings: DEFAULT_DOMAIN_SETTINGS };

let t = performance.now();
const pool = Array.from({ length: FACT_POOL }, syntheticFacts);
const opens: DossierState[] = [];
for (let i = 0; i < OPEN; i++) {
  const receivedAt = now - Math.floor(rand() * 20 * DAY_MS);
  const dueAt = calendar.addWorkingMs(receivedAt, (8 + Math.floor(rand() * 120)) * HOUR_MS);
  const unit = pick(codes);
  opens.push(
    foldDossier(
      [
        {
          id: `e${i}`,
          type: 'received',
          dossierId: `open-${i}`,
          at: receivedAt,
          unit,
          procedure: { code: '1.001', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
          channel: pick<Channel>(['online', 'in_person', 'postal']),
          dueAt,
        },
      ],
      ctx,
    ),
  );
}
console.log(
  `generated ${FACT_POOL.toLocaleString('en')} fact rows and ${OPEN.toLocaleString('en')} open states in ${(performance.now() - t).toFixed(0)} ms`,
);

const memBefore = process.memoryUsage();
const engine = new MetricsEngine({ ...ctx, scopeOf, now: () => now, scopes: codes.map(scopeOf) as ScopeKey[] });

// Timed in chunks as well: on a shared machine the fastest chunk is the best estimate of the cost.
const CHUNK = 500_000;
let bestChunkMs = Number.POSITIVE_INFINITY;
// CPU time too: on a shared machine wall time includes the time other processes held the core.
const cpuBefore = process.cpuUsage();
t = performance.now();
for (let start = 0; start < FINISHED; start += CHUNK) {
  const c = performance.now();
  for (let i = start; i < start + CHUNK; i++) engine.finished.dossier(pool[i % FACT_POOL]);
  bestChunkMs = Math.min(bestChunkMs, performance.now() - c);
}
const finishedMs = performance.now() - t;
const cpu = process.cpuUsage(cpuBefore);
const finishedCpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  `finished.dossier × ${FINISHED.toLocaleString('en')}: ${finishedMs.toFixed(0)} ms wall (${((finishedMs * 1000) / FINISHED).toFixed(3)} µs each; ` +
    `fastest ${CHUNK.toLocaleString('en')}-chunk ${((bestChunkMs * 1000) / CHUNK).toFixed(3)} µs each), ` +
    `${finishedCpuMs.toFixed(0)} ms CPU (${((finishedCpuMs * 1000) / FINISHED).toFixed(3)} µs each)`,
);

t = performance.now();
engine.metrics('city', 'live'); // first read: city buckets and period totals rebuilt from the loaded buckets
const flushMs = performance.now() - t;
console.log(`first read after the bulk load (city + totals rebuilt once): ${flushMs.toFixed(0)} ms`);

t = performance.now();
for (const s of opens) engine.loadOpenDossier(s);
const openMs = performance.now() - t;
console.log(`loadOpenDossier × ${OPEN.toLocaleString('en')}: ${openMs.toFixed(0)} ms (${((openMs * 1000) / OPEN).toFixed(2)} µs each)`);
console.log(`restart total: ${(finishedMs + flushMs + openMs).toFixed(0)} ms`);

const memAfter = process.memoryUsage();
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);
console.log(
  `engine memory ≈ ${mb(memAfter.heapUsed - memBefore.heapUsed)} MB JS heap (incl. the open states it keeps) + ${mb(memAfter.arrayBuffers - memBefore.arrayBuffers)} MB typed arrays`,
);

t = performance.now();
let metricsCalls = 0;
for (const scope of engine.scopes()) {
  for (const period of ['live', 'today', 'week', 'month', 'quarter', 'year'] as const) {
    engine.metrics(scope, period);
    metricsCalls++;
  }
}
const metricsMs = performance.now() - t;
console.log(`metrics() × ${metricsCalls}: ${metricsMs.toFixed(1)} ms (${((metricsMs * 1000) / metricsCalls).toFixed(1)} µs each)`);

t = performance.now();
const alerts = engine.advance(now + DAY_MS);
console.log(
  `advance by one day (${alerts.length.toLocaleString('en')} became overdue, day roll included): ${(performance.now() - t).toFixed(0)} ms`,
);
const city = engine.metrics('city', 'year');
console.log(
  `city/year: received ${city.received.toLocaleString('en')}, overdue ${city.overdue.toLocaleString('en')}, on-time rate ${city.onTimeRate?.toFixed(4)}, median ${city.processingDaysMedian} d, p90 ${city.processingDaysP90} d`,
);
