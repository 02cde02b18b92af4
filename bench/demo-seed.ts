/**
 * The CPU of the demo's history seed on SQLite (SEED_DAYS=7, SEED_SCALE=0.1: 36,650 events), projections
 * synced, process.cpuUsage (every thread, GC included). `npx tsx bench/demo-seed.ts [ROOT]`: ROOT another
 * checkout (main's) to run its code instead, for an A/B in one window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const root = process.argv[2] ?? new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const { createRuntime } = await import(`${root}/server/runtime.ts`);
const { startDemo } = await import(`${root}/server/simulator/demo.ts`);
const { manualClock } = await import(`${root}/server/clock.ts`);
const { createLogger } = await import(`${root}/server/logger.ts`);
const dir = mkdtempSync(join(tmpdir(), 'demo-seed-'));
const clock = manualClock(Date.parse('2026-11-20T09:00:00+07:00'));
const runtime = createRuntime({
  dbFile: join(dir, 'd.db'),
  clock,
  logger: createLogger('silent'),
  build: 'b',
  clientDir: null,
  replayCheckpointPeriodMs: 0,
});
await runtime.ready;
const c0 = process.cpuUsage();
const t0 = performance.now();
const demo = await startDemo({ runtime, clock, logger: createLogger('silent'), seed: 42, liveScale: 0.1, seedDays: 7, seedScale: 0.1 });
runtime.projections.sync();
const c = process.cpuUsage(c0);
demo.stop();
console.log(
  JSON.stringify({
    root,
    cpuS: +((c.user + c.system) / 1e6).toFixed(2),
    wallS: +((performance.now() - t0) / 1000).toFixed(1),
    events: runtime.store.events.count(),
  }),
);
await runtime.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
