/**
 * The checkpoint writer's fold of a backlog window (server/replay/log-fold.ts foldReceived) and the main
 * heap it holds: a seeded log's whole arrival window folded with its payloads read at once or a slice of
 * items at a time. Reports the most heap used at its yields (after a full collection at each, --expose-gc).
 *   node --expose-gc --import tsx bench/fold-backlog-memory.ts [--days 7] [--scale 0.25]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkCalendar } from '../server/config/calendar-loader.js';
import { openDatabase } from '../server/db/connection.js';
import { createStore } from '../server/db/store.js';
import { MS_PER_DAY } from '../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../server/domain/types.js';
import { emptyCheckpoint } from '../server/metrics/replay-state.js';
import { foldReceived } from '../server/replay/log-fold.js';
import { isMain, log, numArg, round, runMain } from './lib.js';
import { fillLog } from './replay.js';

const gc = (globalThis as { gc?: () => void }).gc;

export async function main(args: Map<string, string>) {
  if (!gc) throw new Error('run with node --expose-gc --import tsx');
  const days = numArg(args, 'days', 7);
  const dir = mkdtempSync(join(tmpdir(), 'bdt-fold-backlog-'));
  try {
    const store = createStore(openDatabase(join(dir, 'log.db')));
    const to = Date.parse('2026-12-01T00:00:00+07:00');
    fillLog(store, to - days * MS_PER_DAY, to, numArg(args, 'scale', 0.25), 3);
    const events = store.replay.maxSeq();
    log(`${events} events logged; folding them as one window`);
    const ctx = { calendar: loadWorkCalendar(undefined, DEFAULT_DOMAIN_SETTINGS.officeHours), settings: DEFAULT_DOMAIN_SETTINGS };
    const out: Record<string, unknown> = { events };
    // Alternated twice: at once, sliced, at once, sliced.
    for (const [i, heldRows] of [Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER, 0].entries()) {
      gc();
      const base = process.memoryUsage().heapUsed;
      let peak = 0;
      const yieldNow = async () => {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      };
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await foldReceived({ repo: store.replay, ctx, slice: 100, yieldNow, heldRows }, emptyCheckpoint(to - days * MS_PER_DAY), events, to);
      const cpu = process.cpuUsage(c0);
      const mode = heldRows === 0 ? 'sliced' : 'at once';
      out[`${mode} ${i < 2 ? 1 : 2}`] = {
        peakHeapMiB: round(peak / 2 ** 20),
        cpuS: round((cpu.user + cpu.system) / 1e6),
        wallS: round((performance.now() - t0) / 1000),
      };
      log(`${mode}: most heap held ${round(peak / 2 ** 20)} MiB over the state before it; CPU ${round((cpu.user + cpu.system) / 1e6)} s`);
    }
    store.close();
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await runMain('fold-backlog-memory', main);
