/** The access store's shared suite (access-store.shared.ts) on SQLite: a real file per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqliteAccessStore } from '../../../server/db/access-store/sqlite-access-store.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { describeAccessStore } from './access-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'access-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeAccessStore('SQLite', async () => {
  const file = join(dir, `t${++n}.db`);
  return createSqliteAccessStore(createStore(openDatabase(file), file));
});
