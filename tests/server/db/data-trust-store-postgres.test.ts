/**
 * Data trust's shared suite (data-trust-store.shared.ts) on a real PostgreSQL server: the seed is
 * written to a SQLite file (the reference) and its rows copied into a fresh database per test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createPgDataTrustStore } from '../../../server/db/data-trust-store/pg-data-trust-store.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { DATA_TRUST_TABLES, seedDataTrust } from '../../helpers/data-trust-seed.js';
import { seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { describeDataTrustStore } from './data-trust-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'data-trust-store-pg-'));
const postgres = usePostgres();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeDataTrustStore('PostgreSQL', async () => {
  const seed = seededSqlite(join(dir, `t${++n}.db`));
  seedDataTrust(seed.store);
  const pool = await postgres.migratedPool('data_trust');
  await copyTablesToPostgres(seed.db, pool, DATA_TRUST_TABLES);
  return {
    dataTrust: createPgDataTrustStore(pool),
    reference: seed.store.dataTrust,
    async addUnitDays(rows) {
      for (const r of rows) {
        await pool.query(
          `INSERT INTO data_trust_unit_days (unit, day, received, finished, on_time) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (unit, day) DO UPDATE SET received = data_trust_unit_days.received + EXCLUDED.received,
             finished = data_trust_unit_days.finished + EXCLUDED.finished, on_time = data_trust_unit_days.on_time + EXCLUDED.on_time`,
          [r.unit, r.day, r.received, r.finished, r.onTime],
        );
      }
    },
    close: async () => {
      await pool.end();
      seed.store.close();
    },
  };
});
