/**
 * The officials store's shared suite (officials-store.shared.ts) on a real PostgreSQL server: the seed
 * is written to a SQLite file (the reference) and its rows copied into a fresh database per test. The
 * window's steps are read three rows a page, so dossiers are cut across pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createPgOfficialsStore } from '../../../server/db/officials-store/pg-officials-store.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { ITEM_TABLES, seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { describeOfficialsStore } from './officials-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'officials-store-pg-'));
const postgres = usePostgres();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeOfficialsStore('PostgreSQL', async () => {
  const seed = seededSqlite(join(dir, `t${++n}.db`));
  const pool = await postgres.migratedPool('officials');
  await copyTablesToPostgres(seed.db, pool, ITEM_TABLES);
  return {
    officials: createPgOfficialsStore(pool, { stepPageRows: 3 }),
    reference: { officials: seed.store.officials, read: seed.store.read },
    close: async () => {
      await pool.end();
      seed.store.close();
    },
  };
});
