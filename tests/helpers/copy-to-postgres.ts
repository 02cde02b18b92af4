/**
 * Copies tables of a SQLite file into a PostgreSQL database with the same tables (the pg-migrations
 * mirror the SQLite schema): every column both have, rows as they are, identity values kept (and their sequences moved past them). Tests use
 * it to put the same projections in both engines and compare their answers; it is not a migration tool.
 */
import type pg from 'pg';
import type { Db } from '../../server/db/connection.js';

const BATCH = 200;

async function pgColumns(pool: pg.Pool, table: string): Promise<Map<string, string>> {
  const r = await pool.query<{ column_name: string; is_identity: string }>(
    `SELECT column_name, is_identity FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()`,
    [table],
  );
  return new Map(r.rows.map((c) => [c.column_name, c.is_identity]));
}

/** Copies `tables` in their order (parents before the rows that reference them); answers the rows copied per table. */
export async function copyTablesToPostgres(db: Db, pool: pg.Pool, tables: readonly string[]): Promise<Record<string, number>> {
  const copied: Record<string, number> = {};
  for (const table of tables) {
    const target = await pgColumns(pool, table);
    const cols = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name).filter((c) => target.has(c));
    const identity = cols.some((c) => target.get(c) === 'YES');
    const rows = db
      .prepare(`SELECT ${cols.join(', ')} FROM ${table}`)
      .raw()
      .all() as unknown[][];
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      const tuples = chunk.map((_, r) => `(${cols.map((_c, c) => `$${r * cols.length + c + 1}`).join(', ')})`);
      await pool.query(
        `INSERT INTO ${table} (${cols.join(', ')}) ${identity ? 'OVERRIDING SYSTEM VALUE' : ''} VALUES ${tuples.join(', ')}`,
        chunk.flat(),
      );
    }
    // The identity's sequence moves past the copied ids, so rows inserted after the copy take new ones.
    for (const col of cols.filter((c) => target.get(c) === 'YES' && rows.length > 0)) {
      await pool.query(`SELECT setval(pg_get_serial_sequence($1, $2), (SELECT MAX(${col}) FROM ${table}))`, [table, col]);
    }
    copied[table] = rows.length;
  }
  return copied;
}
