/** The index store's shared suite (index-store.shared.ts) on SQLite: the repositories wrapped, over the seed file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqliteIndexStore } from '../../../server/db/index-store/sqlite-index-store.js';
import { seededSqlite } from '../../helpers/item-seed.js';
import { describeIndexStore } from './index-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'index-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeIndexStore('SQLite', async () => {
  const seed = seededSqlite(join(dir, `t${++n}.db`));
  return { index: createSqliteIndexStore(seed.store), reference: seed.store.serviceIndex, close: async () => seed.store.close() };
});
