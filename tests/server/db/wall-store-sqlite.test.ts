/** The wall store's shared suite (wall-store.shared.ts) on SQLite: a real file per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { createSqliteWallStore } from '../../../server/db/wall-store/sqlite-wall-store.js';
import { describeWallStore } from './wall-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'wall-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeWallStore('SQLite', async () => {
  const file = join(dir, `t${++n}.db`);
  const store = createStore(openDatabase(file), file);
  const walls = createSqliteWallStore(store);
  return { ...walls, close: async () => store.close() };
});
