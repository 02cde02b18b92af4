/**
 * The demo city (demo.shared.ts) on PostgreSQL: the access and write stores there, so its sources, its
 * seed's marks and every event it sends (through the asynchronous ingest path) are there, none in the file.
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { openPgWriteStore } from '../../../server/db/write-store/pg-write-store.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer } from '../../helpers/test-server.js';
import { describeDemo } from './demo.shared.js';

const postgres = usePostgres();

describeDemo('PostgreSQL', async () => {
  const url = await postgres.database('demo');
  const access = await openPgAccessStore(url);
  const write = await openPgWriteStore(url);
  const dirs: string[] = [];
  return {
    write,
    async start(at) {
      // A fresh SQLite file each start: nothing the demo needs is in it.
      const dir = mkdtempSync(join(tmpdir(), 'demo-pg-'));
      dirs.push(dir);
      return startTestServer({ dir, start: at, access, write });
    },
    async close() {
      for (const d of dirs) {
        const file = new Database(join(d, 'dashboard.db'), { readonly: true });
        expect(file.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(0);
        expect(file.prepare(`SELECT COUNT(*) FROM meta WHERE key LIKE 'demo.%'`).pluck().get()).toBe(0);
        file.close();
      }
      await write.close();
      await access.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
});
