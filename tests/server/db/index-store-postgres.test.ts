/**
 * The index store's shared suite (index-store.shared.ts) on a real PostgreSQL server: the seed is
 * written to a SQLite file (the reference) and its rows copied into a fresh database per test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createPgIndexStore } from '../../../server/db/index-store/pg-index-store.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { ITEM_TABLES, seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { describeIndexStore } from './index-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'index-store-pg-'));
const postgres = usePostgres();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeIndexStore('PostgreSQL', async () => {
  const seed = seededSqlite(join(dir, `t${++n}.db`));
  const pool = await postgres.migratedPool('index');
  await copyTablesToPostgres(seed.db, pool, ITEM_TABLES);
  return {
    index: createPgIndexStore(pool),
    reference: seed.store.serviceIndex,
    close: async () => {
      await pool.end();
      seed.store.close();
    },
  };
});
