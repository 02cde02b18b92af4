/**
 * The write store's shared suite (write-store.shared.ts) on a real PostgreSQL server (a database per
 * test), then what only PostgreSQL has to prove: concurrent writers on several pools, and migrations.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { openPgWriteStore } from '../../../server/db/write-store/pg-write-store.js';
import { migratePostgres } from '../../../server/db/write-store/pg-migrate.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { describeWriteStore } from './write-store.shared.js';

const postgres = usePostgres();

/** A pool whose idle connections may be cut when the test server stops: that error is expected, not unhandled. */
function testPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url });
  pool.on('error', () => {});
  return pool;
}

/** Every migration of server/db/pg-migrations, in order: each applies once, whatever their number. */
const MIGRATIONS = readdirSync(new URL('../../../server/db/pg-migrations/', import.meta.url))
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((name) => ({ version: Number(name.slice(0, 3)), name }));
const VERSIONS = MIGRATIONS.map((m) => m.version);

describeWriteStore('PostgreSQL', async () => openPgWriteStore(await postgres.database('shared')));

describe('PostgreSQL migrations', () => {
  it('records each applied version once, and a second run applies nothing', async () => {
    const url = await postgres.database('migrations');
    const pool = testPool(url);
    try {
      expect(VERSIONS.slice(0, 2)).toEqual([1, 2]);
      expect(await migratePostgres(pool)).toEqual(VERSIONS);
      expect(await migratePostgres(pool)).toEqual([]);
      const rows = await pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows.rows).toEqual(MIGRATIONS);
      expect(rows.rows[0]).toEqual({ version: 1, name: '001_write_path.sql' });
    } finally {
      await pool.end();
    }
  });

  it('lets nodes that start together migrate once between them', async () => {
    const url = await postgres.database('migrations_together');
    const pools = [0, 1, 2].map(() => testPool(url));
    try {
      const applied = await Promise.all(pools.map((p) => migratePostgres(p)));
      expect(applied.flat().sort((a, b) => a - b)).toEqual(VERSIONS);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});
