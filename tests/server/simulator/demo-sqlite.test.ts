/** The demo city (demo.shared.ts) on the SQLite file: its synchronous ingest path, as `npm start` runs it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteWriteStore } from '../../../server/db/write-store/sqlite-write-store.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { describeDemo } from './demo.shared.js';

describeDemo('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-sqlite-'));
  let current: TestServer | null = null;
  // The log is read through the running server's own store.
  const write = new Proxy({} as ReturnType<typeof createSqliteWriteStore>, {
    get: (_t, key: keyof ReturnType<typeof createSqliteWriteStore>) => createSqliteWriteStore(current!.runtime.store)[key],
  });
  return {
    write,
    async start(at) {
      current = await startTestServer({ dir, start: at });
      return current;
    },
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
