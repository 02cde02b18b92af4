/** The officials store's shared suite (officials-store.shared.ts) on SQLite: the repositories wrapped, over the seed file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqliteOfficialsStore } from '../../../server/db/officials-store/sqlite-officials-store.js';
import { seededSqlite } from '../../helpers/item-seed.js';
import { describeOfficialsStore } from './officials-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'officials-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeOfficialsStore('SQLite', async () => {
  const seed = seededSqlite(join(dir, `t${++n}.db`));
  return {
    officials: createSqliteOfficialsStore(seed.store),
    reference: { officials: seed.store.officials, read: seed.store.read },
    close: async () => seed.store.close(),
  };
});
