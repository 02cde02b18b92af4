/**
 * The PostgreSQL setup every `*-postgres` and `*-on-postgres` test file shares: one throwaway server
 * (postgres-server.ts) started before the file's tests and stopped after them, fresh databases on it,
 * and pools on them with the migrations applied, ended at the teardown if the test did not end them.
 * Call usePostgres() at a file's top level (it registers the file's beforeAll and afterAll).
 */
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openPgPool } from '../../server/db/pg/pool.js';
import { startPostgres, type TestPostgres } from './postgres-server.js';

export interface PostgresFixture {
  /** The running server (only inside tests and hooks: it starts in beforeAll). */
  readonly server: TestPostgres;
  /** A fresh empty database named `<name>_<n>` (n counts this file's databases); answers its URL. */
  database(name: string): Promise<string>;
  /** A pool on a fresh database with the PostgreSQL migrations applied; ended at the teardown if still open. */
  migratedPool(name: string): Promise<pg.Pool>;
}

/** Starts a throwaway PostgreSQL server for this file's tests and stops it (with any pool left open) after them. */
export function usePostgres(): PostgresFixture {
  let server: TestPostgres | undefined;
  let n = 0;
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(pools.filter((p) => !p.ended).map((p) => p.end().catch(() => {})));
    await server?.stop();
  });
  const running = (): TestPostgres => {
    if (!server) throw new Error('the PostgreSQL test server is not running: use it inside a test or a hook');
    return server;
  };
  const database = (name: string) => running().createDatabase(`${name}_${++n}`);
  return {
    get server() {
      return running();
    },
    database,
    async migratedPool(name) {
      const pool = await openPgPool(await database(name));
      pools.push(pool);
      return pool;
    },
  };
}
