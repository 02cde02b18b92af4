/** The item store's shared suite (item-store.shared.ts) on SQLite: a real seeded file per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqliteItemStore } from '../../../server/db/item-store/sqlite-item-store.js';
import { seededSqlite } from '../../helpers/item-seed.js';
import { describeItemStore } from './item-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'item-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeItemStore('SQLite', async () => {
  const { store } = seededSqlite(join(dir, `t${++n}.db`));
  return { items: createSqliteItemStore(store), reference: store.read, close: async () => store.close() };
});
