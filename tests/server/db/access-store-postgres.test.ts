/** The access store's shared suite (access-store.shared.ts) on a real PostgreSQL server, a database per test. */
import { afterAll, beforeAll } from 'vitest';
import { openPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres-server.js';
import { describeAccessStore } from './access-store.shared.js';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

let n = 0;
describeAccessStore('PostgreSQL', async () => openPgAccessStore(await server.createDatabase(`access_${++n}`)));
