/**
 * Data trust's reads and a supervisor's review, engine-neutral and asynchronous (issue 17, slice 3):
 * every unit's daily figures and the flags of a window (the summary), a page of a scope's flags, one
 * flag, and the review of a flag. Two engines: SQLite (the repository wrapped, sqlite-data-trust-store.ts)
 * and PostgreSQL (pg-data-trust-store.ts); tests/server/db/data-trust-store.shared.ts proves they
 * answer alike. The flags themselves are written where the events are projected (projection writer, daily sweep).
 */
import type { Async } from '../access-store/contract.js';
import type { DataTrustRepo, FlagQuery, StoredFlag, UnitDayRow } from '../data-trust-repo.js';

export type { FlagQuery, StoredFlag, UnitDayRow };

export const DATA_TRUST_METHODS = [
  'unitDays',
  'flagsBetween',
  'flagsPage',
  'flag',
  'review',
  'allFlags',
] as const satisfies readonly (keyof DataTrustRepo)[];

export interface DataTrustStore extends Async<Pick<DataTrustRepo, (typeof DATA_TRUST_METHODS)[number]>> {
  readonly engine: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
