/**
 * PostgreSQL migrations (server/db/pg-migrations/NNN_name.sql), each applied once in its own
 * transaction and recorded in schema_migrations. An advisory lock makes nodes that start together
 * migrate one after the other: the second finds the versions applied and does nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const PG_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../pg-migrations');

/** The advisory lock's key: any constant the application uses for nothing else ("migr" in ASCII). */
const MIGRATION_LOCK = 0x6d696772;

/** Applies the migrations not yet recorded; answers the versions it applied, in order. */
export async function migratePostgres(pool: pg.Pool, dir = PG_MIGRATIONS_DIR): Promise<number[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const file of files) {
      const version = Number(file.slice(0, 3));
      if (done.has(version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(join(dir, file), 'utf8'));
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, file]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`PostgreSQL migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return applied;
}

/** migratePostgres on a connection of its own to `url` (npm run db:pg-migrate), closed after. */
export async function migratePostgresUrl(url: string): Promise<number[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  // An idle connection cut by the server (a restart) is reported by the query that needs it, not thrown.
  pool.on('error', () => {});
  try {
    return await migratePostgres(pool);
  } finally {
    await pool.end();
  }
}
