/**
 * The projection writer on PostgreSQL against SQLite's, on the same log (issue 17, slice 2): a seeded
 * city's events (tests/helpers/projection-log.ts, late arrivals included) logged once per rep into a fresh
 * SQLite file and copied into a fresh PostgreSQL database, then folded into the item store's tables by
 * each writer from an empty projection. Reports events per CPU second: SQLite's writer is this process's
 * CPU (process.cpuUsage, GC included); PostgreSQL's is this process's plus the PostgreSQL server's
 * processes' (/proc utime + stime of the postmaster and its children), since the database does its
 * share of the work there. Reps alternate which engine goes first.
 *   npx tsx bench/pg-projection-writer.ts [--scale 0.05] [--reps 3]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPgPool } from '../server/db/pg/pool.js';
import { createPgProjectionStore } from '../server/db/projection-store/pg-projection-store.js';
import { Projector } from '../server/projection/projector.js';
import { PgProjector } from '../server/projection/pg-projector.js';
import { startPostgres } from '../tests/helpers/postgres-server.js';
import { copyLogToPostgres, domain, loggedCity } from '../tests/helpers/projection-log.js';
import { isMain, log, median, numArg, round, runMain, tempDir } from './lib.js';

const TICKS_PER_S = 100;

/** CPU seconds of the processes started by the PostgreSQL server listening on `port` (its postmaster and children). */
function pgServerCpu(port: number): number {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const stat = (pid: string) => {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return { ppid: f[1], cpu: (Number(f[11]) + Number(f[12])) / TICKS_PER_S };
    } catch {
      return null;
    }
  };
  const master = procs.find((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return cmd.some((a) => a.endsWith('postgres')) && cmd.includes(String(port));
    } catch {
      return false;
    }
  });
  if (!master) throw new Error(`no PostgreSQL server found on port ${port}`);
  let cpu = stat(master)?.cpu ?? 0;
  for (const pid of procs) {
    const s = stat(pid);
    if (s && s.ppid === master) cpu += s.cpu;
  }
  return cpu;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export async function main(args: Map<string, string>) {
  const scale = numArg(args, 'scale', 0.05);
  const reps = numArg(args, 'reps', 3);
  const server = await startPostgres();
  const tmp = tempDir('bdt-bench-pg-writer-');
  const rates: { sqlite: number[]; postgres: number[] } = { sqlite: [], postgres: [] };
  try {
    for (let rep = 0; rep < reps; rep++) {
      const city = loggedCity(join(tmp.dir, `city-${rep}.db`), scale);
      const pool = await openPgPool(await server.createDatabase(`bench_${rep}`));
      await copyLogToPostgres(city.db, pool);
      const events = city.store.events.maxSeq();
      const runSqlite = () => {
        const c0 = cpuNow();
        new Projector(city.store, domain).catchUp();
        rates.sqlite.push(events / (cpuNow() - c0));
      };
      const runPg = async () => {
        const [c0, p0] = [cpuNow(), pgServerCpu(server.port)];
        await new PgProjector(createPgProjectionStore(pool), domain).catchUp();
        rates.postgres.push(events / (cpuNow() - c0 + pgServerCpu(server.port) - p0));
      };
      if (rep % 2 === 0) {
        runSqlite();
        await runPg();
      } else {
        await runPg();
        runSqlite();
      }
      log(`rep ${rep}: ${events} events; SQLite ${round(rates.sqlite.at(-1)!)} /CPU s, PostgreSQL ${round(rates.postgres.at(-1)!)} /CPU s`);
      await pool.end();
      city.store.close();
    }
  } finally {
    await server.stop();
    tmp.remove();
  }
  const result = {
    scale,
    reps,
    sqliteEventsPerCpuS: round(median(rates.sqlite)),
    postgresEventsPerCpuS: round(median(rates.postgres)),
    ratio: round(median(rates.postgres) / median(rates.sqlite), 2),
  };
  log(JSON.stringify(result));
  return result;
}

if (isMain(import.meta.url)) await runMain('pg-projection-writer', main);
