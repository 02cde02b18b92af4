/**
 * The past store's shared suite (past-store.shared.ts) on a real PostgreSQL server: the seed is
 * written to a SQLite file (the reference) and its rows copied into a fresh database per test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createPgPastStore } from '../../../server/db/past-store/pg-past-store.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { ITEM_TABLES, seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { describePastStore } from './past-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'past-store-pg-'));
const postgres = usePostgres();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describePastStore('PostgreSQL', async () => {
  const seed = seededSqlite(join(dir, `t${++n}.db`));
  const pool = await postgres.migratedPool('past');
  await copyTablesToPostgres(seed.db, pool, ITEM_TABLES);
  return {
    past: createPgPastStore(pool),
    reference: seed.store.read,
    close: async () => {
      await pool.end();
      seed.store.close();
    },
  };
});
