/** The pushed alerts' shared suite (at-risk-store.shared.ts) on a real PostgreSQL server, a database per test. */
import { openPgAtRiskStore } from '../../../server/db/at-risk-store/pg-at-risk-store.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { describeAtRiskStore } from './at-risk-store.shared.js';

const postgres = usePostgres();
describeAtRiskStore('PostgreSQL', async () => openPgAtRiskStore(await postgres.database('at_risk')));
