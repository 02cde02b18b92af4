/** The access store's shared suite (access-store.shared.ts) on a real PostgreSQL server, a database per test. */
import { openPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { describeAccessStore } from './access-store.shared.js';

const postgres = usePostgres();
describeAccessStore('PostgreSQL', async () => openPgAccessStore(await postgres.database('access')));
