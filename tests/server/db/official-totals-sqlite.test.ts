/** The officials' counts in SQL (official-totals.shared.ts) on SQLite: a real seeded file per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqliteItemStore } from '../../../server/db/item-store/sqlite-item-store.js';
import { holdsCitySqlite } from '../../helpers/holds-city-seed.js';
import { describeOfficialTotals } from './official-totals.shared.js';

const dir = mkdtempSync(join(tmpdir(), 'official-totals-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeOfficialTotals('SQLite', async () => {
  const { store } = holdsCitySqlite(join(dir, `t${++n}.db`));
  return { reads: createSqliteItemStore(store).unitDetail, reference: store.read, close: async () => store.close() };
});
