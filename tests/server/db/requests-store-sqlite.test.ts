/** The requests store's shared suite (requests-store.shared.ts) on SQLite: the reminders repository wrapped, over the seed file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqliteRequestsStore } from '../../../server/db/requests-store/sqlite-requests-store.js';
import { seededSqlite } from '../../helpers/item-seed.js';
import { describeRequestsStore } from './requests-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'requests-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeRequestsStore('SQLite', async () => {
  const seed = seededSqlite(join(dir, `t${++n}.db`));
  return { requests: createSqliteRequestsStore(seed.store), reference: seed.store.reminders, close: async () => seed.store.close() };
});
