/** Data trust's shared suite (data-trust-store.shared.ts) on SQLite: the repository wrapped, over the seed file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqliteDataTrustStore } from '../../../server/db/data-trust-store/sqlite-data-trust-store.js';
import { seedDataTrust } from '../../helpers/data-trust-seed.js';
import { seededSqlite } from '../../helpers/item-seed.js';
import { describeDataTrustStore } from './data-trust-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'data-trust-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeDataTrustStore('SQLite', async () => {
  const seed = seededSqlite(join(dir, `t${++n}.db`));
  seedDataTrust(seed.store);
  return {
    dataTrust: createSqliteDataTrustStore(seed.store),
    reference: seed.store.dataTrust,
    addUnitDays: async (rows) =>
      seed.store.transaction(() => {
        for (const r of rows) seed.store.dataTrust.addUnitDay(r.unit, r.day, r.received, r.finished, r.onTime);
      }),
    close: async () => seed.store.close(),
  };
});
