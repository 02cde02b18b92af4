/** The pushed alerts' shared suite (at-risk-store.shared.ts) on SQLite: a real file per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqliteAtRiskStore } from '../../../server/db/at-risk-store/sqlite-at-risk-store.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { describeAtRiskStore } from './at-risk-store.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'at-risk-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeAtRiskStore('SQLite', async () => {
  const file = join(dir, `t${++n}.db`);
  const store = createStore(openDatabase(file), file);
  return { ...createSqliteAtRiskStore(store), close: async () => store.close() };
});
