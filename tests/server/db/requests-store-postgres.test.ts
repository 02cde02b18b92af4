/**
 * The requests store's shared suite (requests-store.shared.ts) on a real PostgreSQL server: the seed
 * is written to a SQLite file (the reference) and its rows, users and requests with them, copied into a
 * fresh database per test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createPgRequestsStore } from '../../../server/db/requests-store/pg-requests-store.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { ITEM_TABLES, seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { describeRequestsStore } from './requests-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'requests-store-pg-'));
const postgres = usePostgres();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeRequestsStore('PostgreSQL', async () => {
  const seed = seededSqlite(join(dir, `t${++n}.db`));
  const pool = await postgres.migratedPool('requests');
  await copyTablesToPostgres(seed.db, pool, ITEM_TABLES);
  return {
    requests: createPgRequestsStore(pool),
    reference: seed.store.reminders,
    close: async () => {
      await pool.end();
      seed.store.close();
    },
  };
});
