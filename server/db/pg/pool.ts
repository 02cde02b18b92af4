/**
 * What every PostgreSQL store shares: a pool that reads BIGINT as numbers and survives a dropped idle
 * connection, the migrations applied before first use, and one transaction on one connection.
 */
import pg from 'pg';
import { migratePostgres } from '../write-store/pg-migrate.js';

/** BIGINT columns as numbers: times are epoch ms, ids and seqs stay far below 2^53. */
const INT8_OID = 20;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** A pool on `url`; the migrations are applied before it is answered (a failure ends the pool and rejects). */
export async function openPgPool(url: string, maxConnections = 10): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types });
  // An idle connection's error (the server restarted) must not crash the process: the next query
  // on the pool gets a new connection, or fails with the cause.
  pool.on('error', () => {});
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return pool;
}

/** Runs fn in one transaction on one connection: committed when it resolves, rolled back when it rejects. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const result = await fn(c);
    await c.query('COMMIT');
    return result;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}
