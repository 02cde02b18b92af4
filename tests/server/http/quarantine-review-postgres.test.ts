/**
 * The quarantine's review (quarantine-review.shared.ts) on PostgreSQL: the write store, the access store
 * (sources, users, the audit log) and so the asynchronous ingest path there; the SQLite file holds none of it.
 */
import { expect } from 'vitest';
import { openPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { openPgWriteStore } from '../../../server/db/write-store/pg-write-store.js';
import { generateSourceKey, hashSourceKey } from '../../../server/ingest/keys.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer, T0 } from '../../helpers/test-server.js';
import { describeQuarantineReview } from './quarantine-review.shared.js';

const postgres = usePostgres();

describeQuarantineReview('PostgreSQL', async () => {
  const url = await postgres.database('review');
  const access = await openPgAccessStore(url);
  const write = await openPgWriteStore(url);
  const dossierKey = generateSourceKey();
  await access.sources.upsertKey('pg-review', 'dossier', hashSourceKey(dossierKey), T0);
  const server = await startTestServer({ access, write });
  return {
    server,
    dossierKey,
    source: 'pg-review',
    write,
    async close() {
      // Nothing of the review reached the file.
      expect(server.runtime.store.quarantine.page({ limit: 1, offset: 0 }).total).toBe(0);
      expect(server.runtime.store.events.count()).toBe(0);
      await server.close();
      await write.close();
      await access.close();
    },
  };
});
