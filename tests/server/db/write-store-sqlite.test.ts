/** The write store's shared suite (write-store.shared.ts) on SQLite: a real file per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { createSqliteWriteStore } from '../../../server/db/write-store/sqlite-write-store.js';
import { describeWriteStore } from './write-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'write-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeWriteStore('SQLite', async () => {
  const file = join(dir, `t${++n}.db`);
  return createSqliteWriteStore(createStore(openDatabase(file), file));
});
