/** The quarantine's review (quarantine-review.shared.ts) on the SQLite file: its synchronous ingest path. */
import { createSqliteWriteStore } from '../../../server/db/write-store/sqlite-write-store.js';
import { startTestServer } from '../../helpers/test-server.js';
import { describeQuarantineReview } from './quarantine-review.shared.js';

describeQuarantineReview('SQLite', async () => {
  const server = await startTestServer();
  // The server's own store, read through the contract; closed with the server.
  const write = createSqliteWriteStore(server.runtime.store);
  return { server, dossierKey: server.dossierKey, source: 'test-dossiers', write, close: () => server.close() };
});
