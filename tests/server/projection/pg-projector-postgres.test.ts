/**
 * The projection writer on PostgreSQL (server/projection/pg-projector.ts) against SQLite's
 * (projector.ts): the same log (a seeded city with late arrivals, tests/helpers/projection-log.ts)
 * folded by each into its engine must give the same rows in every table of the item store, the same
 * answers from the item store, and the same metrics once restored from them at a start; and a writer
 * stopped in the middle of a pass resumes with no row missing or doubled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/connection.js';
import type { Store } from '../../../server/db/store.js';
import { createPgItemStore } from '../../../server/db/item-store/pg-item-store.js';
import { createSqliteItemStore } from '../../../server/db/item-store/sqlite-item-store.js';
import type { DossierFilter, TaskFilter } from '../../../server/db/read-repo.js';
import { jurisdictionIndex } from '../../../server/geo/jurisdiction-loader.js';
import { MetricsEngine } from '../../../server/metrics/engine.js';
import { EarlyWarningIndex } from '../../../server/metrics/early-warning-index.js';
import { jurisdictionScopes, provinceParents } from '../../../server/metrics/scope-rollup.js';
import { PERIODS } from '../../../server/metrics/types.js';
import { Projector } from '../../../server/projection/projector.js';
import { PgProjector } from '../../../server/projection/pg-projector.js';
import { createPgProjectionStore } from '../../../server/db/projection-store/pg-projection-store.js';
import { restoreMetricsFromPostgres } from '../../../server/projection/pg-restore.js';
import { restoreMetrics } from '../../../server/runtime-recovery.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { copyLogToPostgres, domain, jurisdiction, loggedCity } from '../../helpers/projection-log.js';
import { T0 } from '../../helpers/test-server.js';

const postgres = usePostgres();
const dir = mkdtempSync(join(tmpdir(), 'pg-projector-'));
let sqlite: { store: Store; db: Db; accepted: number };

beforeAll(() => {
  sqlite = loggedCity(join(dir, 'city.db'));
  new Projector(sqlite.store, domain).catchUp();
}, 120_000);
afterAll(() => {
  sqlite?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every column of every row of the item store's tables, in key order. */
const TABLES: Record<string, string> = {
  dossiers: 'id',
  holds: 'dossier_id, idx',
  tasks: 'id',
  overdue_spans: 'dossier_id, idx',
  buck_passing_cases: 'dossier_id, rule, first_hold',
  buck_passing_parties: 'dossier_id, rule, first_hold, handler_id',
};
const COLUMNS: Record<string, string[]> = {};

function sqliteRows(table: string): unknown[][] {
  COLUMNS[table] ??= (sqlite.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  return sqlite.db
    .prepare(`SELECT ${COLUMNS[table].join(', ')} FROM ${table} ORDER BY ${TABLES[table]}`)
    .raw()
    .all() as unknown[][];
}

async function pgRows(pool: pg.Pool, table: string): Promise<unknown[][]> {
  const r = await pool.query({ text: `SELECT ${COLUMNS[table].join(', ')} FROM ${table} ORDER BY ${TABLES[table]}`, rowMode: 'array' });
  return r.rows as unknown[][];
}

async function expectSameRows(pool: pg.Pool): Promise<void> {
  for (const table of Object.keys(TABLES)) {
    const want = sqliteRows(table);
    expect(await pgRows(pool, table), table).toEqual(want);
  }
}

/** A migrated database holding the city's log, nothing projected. */
async function loggedPool(name: string): Promise<pg.Pool> {
  const pool = await postgres.migratedPool(name);
  await copyLogToPostgres(sqlite.db, pool);
  return pool;
}

function newEngine() {
  const index = jurisdictionIndex(jurisdiction);
  const scopeOf = (code: string) => index.scopeOf(code);
  const now = () => T0;
  const engine = new MetricsEngine({
    ...domain,
    scopeOf,
    parentOf: provinceParents(jurisdiction.units),
    now,
    scopes: jurisdictionScopes(jurisdiction),
  });
  return { engine, warnings: new EarlyWarningIndex({ ...domain, scopeOf, now }) };
}

function allMetrics(engine: MetricsEngine) {
  const out: Record<string, unknown> = {};
  for (const scope of engine.scopes()) for (const p of PERIODS) out[`${scope}|${p}`] = engine.metrics(scope, p);
  return out;
}

describe('the projection writer on PostgreSQL', () => {
  it('writes the rows SQLite writes, in passes that split items and refold late arrivals', async () => {
    expect(sqlite.accepted).toBeGreaterThan(2_000);
    // Late arrivals were logged (the writers refold those dossiers) and cases found, or the test proves less.
    expect(sqliteRows('buck_passing_cases').length).toBeGreaterThan(0);
    expect(sqliteRows('holds').length).toBeGreaterThan(sqliteRows('dossiers').length);
    const pool = await loggedPool('rows');
    const projector = new PgProjector(createPgProjectionStore(pool), domain, 700);
    const seq = await projector.catchUp();
    expect(seq).toBe(Number(sqlite.store.projections.projectedSeq()));
    expect(await createPgProjectionStore(pool).projectedSeq()).toBe(seq);
    // The late arrivals took the refold from the log.
    expect(projector.refolds).toBeGreaterThan(0);
    await expectSameRows(pool);
    // Once more from the end: nothing to do, nothing changed.
    expect((await projector.project()).events).toBe(0);
    await expectSameRows(pool);
  }, 120_000);

  it("answers the item store's lists and pages as SQLite's", async () => {
    const pool = await loggedPool('lists');
    await new PgProjector(createPgProjectionStore(pool), domain).catchUp();
    const items = createPgItemStore(pool);
    const reference = createSqliteItemStore(sqlite.store);
    const dossierFilters: DossierFilter[] = ['overdue', 'due_soon', 'in_progress', 'paused', 'awaiting_supplement', 'late', 'done'];
    for (const filter of dossierFilters) {
      const q = { unit: null, filter, now: T0, dueSoonUntil: T0 + 2 * 86_400_000, limit: 50, offset: 0 };
      const got = await items.dossierPage(q);
      expect(got, filter).toEqual(await reference.dossierPage(q));
    }
    const taskFilters: TaskFilter[] = ['open_in_term', 'open_overdue', 'done_on_time', 'done_late', 'no_deadline', 'cancelled'];
    for (const filter of taskFilters) {
      const q = { assignee: null, filter, now: T0, limit: 50, offset: 0 };
      expect(await items.taskPage(q), filter).toEqual(await reference.taskPage(q));
    }
  }, 120_000);

  it('resumes after a pass stopped before its commit: no row missing or doubled', async () => {
    const pool = await loggedPool('restart');
    const first = new PgProjector(createPgProjectionStore(pool), domain, 500);
    await first.project();
    await first.project();
    const mark = await createPgProjectionStore(pool).projectedSeq();
    // The third pass dies after writing its rows, before its commit (the connection is cut under it).
    const cut = new PgProjector(createPgProjectionStore(withCutBeforeMark(pool)), domain, 500);
    await expect(cut.catchUp()).rejects.toThrow(/cut/);
    expect(await createPgProjectionStore(pool).projectedSeq()).toBe(mark);
    // A new writer (a restart: nothing cached) resumes from the mark.
    await new PgProjector(createPgProjectionStore(pool), domain, 500).catchUp();
    await expectSameRows(pool);
  }, 120_000);

  it("restores the metrics from PostgreSQL's rows as from SQLite's", async () => {
    const pool = await loggedPool('restore');
    await new PgProjector(createPgProjectionStore(pool), domain).catchUp();
    const a = newEngine();
    restoreMetrics(sqlite.store, a.engine, a.warnings, T0);
    const b = newEngine();
    await restoreMetricsFromPostgres(createPgProjectionStore(pool), b.engine, b.warnings, T0);
    const want = allMetrics(a.engine);
    expect(Object.keys(want).length).toBeGreaterThan(100);
    expect(allMetrics(b.engine)).toEqual(want);
  }, 120_000);
});

/** A pool whose connections fail the mark's UPDATE, after the pass's rows were written in its transaction. */
function withCutBeforeMark(pool: pg.Pool): pg.Pool {
  return new Proxy(pool, {
    get(target, prop) {
      // Every other method on the pool itself (pool.query calls this.connect with a callback).
      const own = Reflect.get(target, prop, target) as unknown;
      if (prop !== 'connect') return typeof own === 'function' ? (own as (...a: unknown[]) => unknown).bind(target) : own;
      return async () => {
        const c = await target.connect();
        return new Proxy(c, {
          get(client, p) {
            const member = Reflect.get(client, p, client) as unknown;
            if (p !== 'query') return typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(client) : member;
            return (sql: unknown, ...rest: unknown[]) => {
              if (typeof sql === 'string' && sql.startsWith('UPDATE projection_mark')) return Promise.reject(new Error('connection cut'));
              return (client.query as (...a: unknown[]) => unknown).call(client, sql, ...rest);
            };
          },
        });
      };
    },
  });
}
