/**
 * Response shapes of the read API (/api/v1) are defined in the contract (shared/contract/api.ts) and
 * imported from there. This re-export is left for its one importer on another branch's ground,
 * client/features/officials/OfficialsFilters.tsx: delete it once that file reads the contract.
 */
export type * from '../../shared/contract/api.js';
export type { Period, ScopeKey, ScopeMetrics } from '../../shared/contract/metrics.js';
