/**
 * The officials' counts in SQL (official-totals.shared.ts) on a real PostgreSQL server: the seed is
 * written to a SQLite file (the fold's holds) and its rows copied into a fresh database per test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createPgItemStore } from '../../../server/db/item-store/pg-item-store.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { HOLDS_CITY_TABLES, holdsCitySqlite } from '../../helpers/holds-city-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { describeOfficialTotals } from './official-totals.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'official-totals-pg-'));
const postgres = usePostgres();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeOfficialTotals('PostgreSQL', async () => {
  const seed = holdsCitySqlite(join(dir, `t${++n}.db`));
  const pool = await postgres.migratedPool('totals');
  await copyTablesToPostgres(seed.db, pool, HOLDS_CITY_TABLES);
  return {
    reads: createPgItemStore(pool).unitDetail,
    reference: seed.store.read,
    close: async () => {
      await pool.end();
      seed.store.close();
    },
  };
});
