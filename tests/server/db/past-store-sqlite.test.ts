/** The past store's shared suite (past-store.shared.ts) on SQLite: the read repository wrapped, over the seed file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqlitePastStore } from '../../../server/db/past-store/sqlite-past-store.js';
import { seededSqlite } from '../../helpers/item-seed.js';
import { describePastStore } from './past-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'past-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describePastStore('SQLite', async () => {
  const seed = seededSqlite(join(dir, `t${++n}.db`));
  return { past: createSqlitePastStore(seed.store), reference: seed.store.read, close: async () => seed.store.close() };
});
