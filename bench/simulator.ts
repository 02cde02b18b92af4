/**
 * How long the city generator takes to produce the demo history: SEED_DAYS days at SEED_SCALE
 * (defaults 35 and 0.1, as in server/config.ts), generated day by day as seedHistory does, over a
 * fixed range so every run generates the same stream. Generation only: no ingest, no database.
 *
 *   node --import tsx bench/simulator.ts [--days 35] [--scale 0.1] [--runs 7]
 *
 * Each run builds a fresh generator (the first run in the process is the cold one a starting server
 * pays); prints every run (wall and CPU time), the medians of all runs and of the warm ones, and a sha256 of
 * the stream so two versions of the generator can be checked to emit the same bytes.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadWorkCalendar } from '../server/config/calendar-loader.js';
import { MS_PER_DAY } from '../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../server/domain/types.js';
import { loadJurisdiction } from '../server/geo/jurisdiction-loader.js';
import { createCityGenerator } from '../server/simulator/generator.js';
import { loadProcedures } from '../server/simulator/procedures.js';
import type { WireDossierEvent, WireTaskEvent } from '../server/simulator/wire.js';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '35' },
    scale: { type: 'string', default: '0.1' },
    runs: { type: 'string', default: '7' },
    seed: { type: 'string', default: '79' },
  },
});
const days = Number(values.days);
const scale = Number(values.scale);
const runs = Number(values.runs);
const seed = Number(values.seed);

const jurisdiction = loadJurisdiction();
const calendar = loadWorkCalendar(undefined, DEFAULT_DOMAIN_SETTINGS.officeHours);
const procedures = loadProcedures();
// A fixed end (00:00 on 2026-12-14, Vietnam time) so every run and every version sees one range.
const to = Date.UTC(2026, 11, 13, 17);
const from = to - days * MS_PER_DAY;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const times: number[] = [];
/** CPU time of the process (main thread and GC helpers): less coloured by a busy machine than wall time. */
const cpuTimes: number[] = [];
let hash = '';
let dossierEvents = 0;
let taskEvents = 0;
for (let r = 0; r < runs; r++) {
  const dossiers: WireDossierEvent[] = [];
  const tasks: WireTaskEvent[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const gen = createCityGenerator({ seed, jurisdiction, procedures, calendar, officeHours: DEFAULT_DOMAIN_SETTINGS.officeHours, scale });
  for (let a = from; a < to; a += MS_PER_DAY) {
    const ev = gen.generate(a, Math.min(to, a + MS_PER_DAY));
    for (const e of ev.dossiers) dossiers.push(e);
    for (const e of ev.tasks) tasks.push(e);
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  times.push(ms);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
  if (r === 0) {
    const h = createHash('sha256');
    for (const e of dossiers) h.update(JSON.stringify(e) + '\n');
    for (const e of tasks) h.update(JSON.stringify(e) + '\n');
    hash = h.digest('hex');
    dossierEvents = dossiers.length;
    taskEvents = tasks.length;
  }
  console.log(`run ${r + 1}: ${ms.toFixed(0)} ms, CPU ${cpuTimes[r]!.toFixed(0)} ms`);
}
console.log(
  JSON.stringify({
    days,
    scale,
    dossierEvents,
    taskEvents,
    coldMs: Math.round(times[0]!),
    medianMs: Math.round(median(times)),
    warmMedianMs: runs > 1 ? Math.round(median(times.slice(1))) : null,
    coldCpuMs: Math.round(cpuTimes[0]!),
    warmMedianCpuMs: runs > 1 ? Math.round(median(cpuTimes.slice(1))) : null,
    sha256: hash,
  }),
);
