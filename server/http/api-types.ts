/**
 * Response shapes of the read API (/api/v1): defined in the contract (shared/contract/api.ts);
 * re-exported here until every importer reads the contract directly.
 */
export type * from '../../shared/contract/api.js';
export type { Period, ScopeKey, ScopeMetrics } from '../../shared/contract/metrics.js';
