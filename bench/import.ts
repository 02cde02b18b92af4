/**
 * Issue 14, bulk backfill: one million dossier events loaded with `npm run import` in ≤ 60 s.
 *
 * Generates --events (default 1,000,000) realistic dossier events with the seeded city generator
 * (scale 1, ending a minute ago), writes them as NDJSON (the ingest wire format) and as CSV (the
 * documented English columns), and for each format: starts the server alone in its own process on a
 * fresh temp DB (bench/server-child.ts), runs the importer as a user does (its own process, real
 * HTTP), and reports wall time, events/s and the ratio to the 60 s target, with both processes' CPU time.
 * The time runs until the projections hold every event (the server's `settle`: a history load ended
 * and the writer caught up), not only until the importer's last answer.
 *   npx tsx bench/import.ts [--events 1000000] [--formats ndjson,csv] [--batch 1000, 5000 with history] [--concurrency 2]
 *     [--mode history|live]   (history: `npm run import -- --history`, the default)
 *     [--server-args='--cpu-prof --cpu-prof-dir=DIR'] [--importer-args='…']   (node options of either process)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DOSSIER_COLUMNS } from '../server/import/csv-columns.js';
import { HISTORY_BATCH_SIZE } from '../server/import/wire.js';
import { cpuMs, generateCity, processThreadCpuMs, isMain, log, numArg, ROOT, round, runMain, startChild, tempDir } from './lib.js';

export const TARGET_SECONDS = 60;
/** The generator's dossier events per day at scale 1 (README, §1 of BENCHMARKS.md: ≈ 49,000). */
const EVENTS_PER_DAY = 45_000;

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function at(e: Record<string, unknown>, path: string): unknown {
  const dot = path.indexOf('.');
  if (dot === -1) return e[path];
  const inner = e[path.slice(0, dot)] as Record<string, unknown> | undefined;
  return inner?.[path.slice(dot + 1)];
}

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  let buf: string[] = [];
  for (const l of lines) {
    buf.push(l);
    if (buf.length === 10_000) {
      if (!out.write(buf.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = [];
    }
  }
  out.write(buf.length ? buf.join('\n') + '\n' : '');
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
}

function* ndjson(events: readonly object[]): Iterable<string> {
  for (const e of events) yield JSON.stringify(e);
}

function* csv(events: readonly object[]): Iterable<string> {
  const cols = DOSSIER_COLUMNS.map((c) => (c.name === 'eventId' ? { ...c, path: 'id' } : c));
  yield cols.map((c) => c.name).join(',');
  for (const e of events) yield cols.map((c) => cell(at(e as Record<string, unknown>, c.path))).join(',');
}

interface ImportRun {
  format: string;
  events: number;
  fileMiB: number;
  wallMs: number;
  /** Of wallMs: from the importer's exit until the projections caught up. */
  settleMs: number;
  mode: string;
  eventsPerS: number;
  ratioToTarget: number;
  importerCpuMs: number;
  serverCpuMs: number;
  /** Of serverCpuMs, per thread (Linux): the main thread's, then the others' busiest first (threadDelta). */
  serverThreadCpuMs: number[];
  accepted: number;
  rejected: number;
  summary: string;
  /** Events/s over each tenth of the import (from the importer's progress lines). */
  ratePerSegment: number[];
}

/** Events/s between the progress points nearest each tenth of the events. */
function ratePerSegment(curve: [number, number][], events: number): number[] {
  const points: [number, number][] = [[0, 0]];
  for (let k = 1; k <= 10; k++) {
    const p = curve.find(([, rows]) => rows >= (events * k) / 10);
    if (p && p[1] > points[points.length - 1][1]) points.push(p);
  }
  return points.slice(1).map(([s, rows], i) => Math.round((rows - points[i][1]) / (s - points[i][0])));
}

async function importOnce(
  file: string,
  format: string,
  events: number,
  o: { batch: number; concurrency: number; dir: string; nodeArgs: string[]; importerArgs: string[]; mode: string },
): Promise<ImportRun> {
  // A kept file's resume state from an interrupted run would skip its start.
  rmSync(`${file}.import-state.json`, { force: true });
  const server = await startChild({ dbFile: join(o.dir, `${format}.db`), nodeArgs: o.nodeArgs });
  try {
    const serverCpu0 = cpuMs(server.child.pid);
    const threads0 = processThreadCpuMs(server.child.pid!);
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [
        ...o.importerArgs,
        '--import',
        'tsx',
        'server/cli/import.ts',
        '--kind',
        'dossier',
        '--url',
        server.url,
        '--batch-size',
        String(o.batch),
        '--concurrency',
        String(o.concurrency),
        '--progress-every',
        '1',
        ...(o.mode === 'history' ? ['--history'] : []),
        file,
      ],
      { cwd: ROOT, env: { ...process.env, IMPORT_SOURCE_KEY: server.dossierKey }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let importerCpuMs = 0;
    // The rate as the store grows: (seconds, rows acknowledged) from the importer's progress lines.
    const curve: [number, number][] = [];
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => {
      if (!/^[\d,]+ rows/.test(String(d))) process.stderr.write(d);
      for (const m of String(d).matchAll(/^([\d,]+) rows/gm))
        curve.push([round((performance.now() - t0) / 1000, 1), Number(m[1].replace(/,/g, ''))]);
    });
    const poll = setInterval(() => (importerCpuMs = cpuMs(child.pid) || importerCpuMs), 250);
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    clearInterval(poll);
    if (code !== 0) throw new Error(`the importer exited with ${code}:\n${out}`);
    const exited = performance.now();
    await settle(server.child);
    const wallMs = performance.now() - t0;
    const num = (label: string) => Number(new RegExp(`${label}\\s+([\\d,]+)`).exec(out)?.[1].replace(/,/g, '') ?? NaN);
    return {
      format,
      events,
      fileMiB: round(statSync(file).size / 2 ** 20),
      wallMs: Math.round(wallMs),
      settleMs: Math.round(performance.now() - exited),
      mode: o.mode,
      eventsPerS: Math.round(events / (wallMs / 1000)),
      ratioToTarget: round(wallMs / 1000 / TARGET_SECONDS, 2),
      importerCpuMs,
      serverCpuMs: cpuMs(server.child.pid) - serverCpu0,
      serverThreadCpuMs: threadDelta(server.child.pid!, threads0, processThreadCpuMs(server.child.pid!)),
      accepted: num('accepted'),
      rejected: num('rejected'),
      summary: out.trim(),
      ratePerSegment: ratePerSegment(curve, events),
    };
  } finally {
    await server.close();
  }
}

/**
 * The server's CPU ms per thread between two snapshots, busiest first, those that used at least 100 ms:
 * the main thread (its tid is the pid) first, then the others (the projection writer is the busiest).
 */
function threadDelta(pid: number, before: Map<number, number>, after: Map<number, number>): number[] {
  const d = (tid: number) => Math.round((after.get(tid) ?? 0) - (before.get(tid) ?? 0));
  const others = [...after.keys()].filter((t) => t !== pid).map(d);
  return [d(pid), ...others.filter((ms) => ms >= 100).sort((a, b) => b - a)];
}

/** Asks the server child to end a history load and catch up (bench/server-child.ts `settle`). */
async function settle(child: ChildProcess): Promise<void> {
  await new Promise<void>((res, rej) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += String(d);
      if (!/^SETTLED /m.test(buf)) return;
      child.stdout?.off('data', onData);
      res();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (c) => rej(new Error(`the server exited with ${c} before it settled`)));
    child.stdin?.write('settle\n');
  });
}

export async function main(args: Map<string, string>) {
  const events = numArg(args, 'events', 1_000_000);
  const concurrency = numArg(args, 'concurrency', 2);
  const formats = (args.get('formats') ?? 'ndjson,csv').split(',');
  const mode = args.get('mode') ?? 'history';
  if (mode !== 'history' && mode !== 'live') throw new Error('--mode must be history or live');
  // The importer's own default, passed explicitly so that the result says which it was.
  const batch = numArg(args, 'batch', mode === 'history' ? HISTORY_BATCH_SIZE : 1_000);
  // --keep DIR: the generated files are kept there and reused by the next run with the same --events.
  const keep = args.get('keep');
  // --server-args='--cpu-prof --cpu-prof-dir=/tmp/p': node options of the server's process (profiling).
  const nodeArgs = args.get('server-args')?.split(' ').filter(Boolean) ?? [];
  // --importer-args: the same for the importer's process.
  const importerArgs = args.get('importer-args')?.split(' ').filter(Boolean) ?? [];
  const tmp = tempDir('bdt-bench-import-');
  try {
    const fileOf = (format: string) => join(keep ?? tmp.dir, `dossiers-${events}.${format}`);
    let city: ReturnType<typeof generateCity> | null = null;
    const runs: ImportRun[] = [];
    for (const format of formats) {
      const file = fileOf(format);
      if (!keep || !existsSync(file)) {
        if (!city) {
          log(`generating ${events.toLocaleString('en-US')} dossier events`);
          city = generateCity({ days: Math.ceil(events / EVENTS_PER_DAY) + 1, scale: 1, maxEvents: events });
          if (city.dossiers.length < events)
            throw new Error(`the generator gave ${city.dossiers.length} events; raise EVENTS_PER_DAY's margin`);
        }
        await writeLines(file, format === 'csv' ? csv(city.dossiers) : ndjson(city.dossiers));
      }
      log(`${format}: ${file} written; importing`);
      const r = await importOnce(file, format, events, { batch, concurrency, dir: tmp.dir, nodeArgs, importerArgs, mode });
      log(
        `${format}: ${r.eventsPerS.toLocaleString('en-US')} events/s, ${(r.wallMs / 1000).toFixed(1)} s, ${r.ratioToTarget} of the 60 s target`,
      );
      runs.push(r);
    }
    return { events, batch, concurrency, targetSeconds: TARGET_SECONDS, generateMs: city ? Math.round(city.generateMs) : null, runs };
  } finally {
    tmp.remove();
  }
}

if (isMain(import.meta.url)) await runMain('import', main);
