/**
 * The officials' table of the city page (and of units), the cost of its first computation: the fold over
 * one JS object per hold (read.holds, then breakdowns.ts officialScorecards) against the counts
 * aggregated in SQL (read.officialTotals, then scorecardsOfTotals), alternated in one process over the
 * same read-only file, nothing else running in it: CPU ms (process.cpuUsage) and wall ms per pass, the
 * rows read, and whether both give the same scorecards (they must).
 * Seeds --days of history at --scale first (as bench/overview.ts) into a temporary file, or into --db when it does
 * not exist yet (kept for the next run), or opens --db.
 *   npx tsx bench/city-officials.ts [--days 30] [--scale 0.25] [--db file] [--rounds 5] [--units 20]
 */
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chunk, generateCity, isMain, log, numArg, round, runMain, startInProcess, summarize, tempDir } from './lib.js';
import { openReadOnlyStore } from '../server/db/store.js';
import { loadWorkCalendar } from '../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../server/domain/types.js';
import { officialScorecards, scorecardsOfTotals } from '../server/metrics/breakdowns.js';
import { periodWindow } from '../server/metrics/periods.js';

async function seed(dbFile: string, days: number, scale: number): Promise<void> {
  const server = await startInProcess({ dbFile });
  try {
    const rt = server.runtime!;
    const city = generateCity({ days, scale });
    log(`city-officials: seeding ${city.dossiers.length} dossier events (${days} days at scale ${scale})…`);
    for (const b of chunk(city.dossiers, 5_000)) {
      while (rt.projections.lag() > 50_000) await sleep(200);
      rt.ingest.ingest(server.dossierSource!, 'dossier', b);
    }
    while (rt.projections.lag() > 0) await sleep(200);
  } finally {
    await server.close();
  }
}

/** CPU and wall ms of `f`, with its answer. */
function timed<T>(f: () => T): { cpuMs: number; wallMs: number; result: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = f();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs, result };
}

export async function main(args: Map<string, string>) {
  const existing = args.get('db');
  const tmp = existing ? null : tempDir('bdt-bench-city-officials-');
  const dbFile = existing ?? join(tmp!.dir, 'dashboard.db');
  try {
    if (!existsSync(dbFile)) await seed(dbFile, numArg(args, 'days', 30), numArg(args, 'scale', 0.25));
    const store = openReadOnlyStore(dbFile);
    const calendar = loadWorkCalendar(undefined, DEFAULT_DOMAIN_SETTINGS.officeHours);
    const now = Date.now();
    const w = periodWindow('month', now);
    const rounds = numArg(args, 'rounds', 5);
    const units = [...new Set(store.read.holds({ unit: null, from: w.from, now }).map((h) => h.handlerUnit))].slice(
      0,
      numArg(args, 'units', 20),
    );
    const viewOf = (unit: string | null) => {
      const cases = store.read.buckPassingByOfficial({ from: w.from, to: w.to, ids: null });
      return {
        fold: () => {
          const holds = store.read.holds({ unit, from: w.from, now });
          return { rows: holds.length, cards: officialScorecards(holds, w, calendar, cases) };
        },
        sql: () => {
          const totals = store.read.officialTotals({ unit, from: w.from, to: w.to, now });
          return { rows: totals.length, cards: scorecardsOfTotals(totals, calendar, cases) };
        },
      };
    };
    const city = viewOf(null);
    const out = { fold: { cpu: [] as number[], wall: [] as number[] }, sql: { cpu: [] as number[], wall: [] as number[] } };
    let rows = { fold: 0, sql: 0 };
    let same = true;
    for (let r = 0; r < rounds; r++) {
      // Alternated, the first of each round swapped, so neither always runs on a warmer cache.
      const order = r % 2 ? (['sql', 'fold'] as const) : (['fold', 'sql'] as const);
      const got: Record<string, unknown> = {};
      for (const k of order) {
        const t = timed(city[k]);
        out[k].cpu.push(t.cpuMs);
        out[k].wall.push(t.wallMs);
        rows = { ...rows, [k]: t.result.rows };
        got[k] = t.result.cards;
      }
      same &&= isDeepStrictEqual(got.fold, got.sql);
    }
    const unitMs = { fold: [] as number[], sql: [] as number[] };
    for (const u of units) {
      const v = viewOf(u);
      for (const k of ['fold', 'sql'] as const) unitMs[k].push(timed(v[k]).cpuMs);
      same &&= isDeepStrictEqual(v.fold().cards, v.sql().cards);
    }
    store.close();
    const med = (xs: number[]) => round(summarize(xs).p50, 1);
    const result = {
      name: 'city-officials',
      cityHoldRows: rows.fold,
      cityOfficials: rows.sql,
      sameScorecards: same,
      cityFold: { cpuMsMedian: med(out.fold.cpu), wallMsMedian: med(out.fold.wall), cpuMs: out.fold.cpu.map((x) => round(x, 0)) },
      citySql: { cpuMsMedian: med(out.sql.cpu), wallMsMedian: med(out.sql.wall), cpuMs: out.sql.cpu.map((x) => round(x, 0)) },
      unitCpuMsMedian: { fold: med(unitMs.fold), sql: med(unitMs.sql), units: units.length },
    };
    log(
      `city-officials: city month ${rows.fold} holds → ${rows.sql} officials; fold ${result.cityFold.cpuMsMedian} ms CPU, SQL ${result.citySql.cpuMsMedian} ms CPU (median of ${rounds}); same scorecards: ${same}`,
    );
    return result;
  } finally {
    tmp?.remove();
  }
}

if (isMain(import.meta.url)) void runMain('city-officials', main);
