/** The wall store's shared suite (wall-store.shared.ts) on a real PostgreSQL server, a database per test. */
import { afterAll, beforeAll } from 'vitest';
import { openPgWallStore } from '../../../server/db/wall-store/pg-wall-store.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres-server.js';
import { describeWallStore } from './wall-store.shared.js';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

let n = 0;
describeWallStore('PostgreSQL', async () => openPgWallStore(await server.createDatabase(`walls_${++n}`)));
