/** The wall store's shared suite (wall-store.shared.ts) on a real PostgreSQL server, a database per test. */
import { openPgWallStore } from '../../../server/db/wall-store/pg-wall-store.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { describeWallStore } from './wall-store.shared.js';

const postgres = usePostgres();
describeWallStore('PostgreSQL', async () => openPgWallStore(await postgres.database('walls')));
