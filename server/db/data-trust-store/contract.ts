/**
 * Data trust's reads and a supervisor's review, engine-neutral and asynchronous (issue 17, slice 3):
 * every unit's daily figures and the flags of a window (the summary), a page of a scope's flags, one
 * flag, and the review of a flag. Two engines: SQLite (the repository wrapped, sqlite-data-trust-store.ts)
 * and PostgreSQL (pg-data-trust-store.ts); tests/server/db/data-trust-store.shared.ts proves they
 * answer alike. The flags themselves are written where the events are projected (projection writer),
 * and the daily jump's by its sweep (data-trust/daily-sweep.ts) through recordDailyJumps.
 */
import type { Async } from '../access-store/contract.js';
import type { DataTrustRepo, FlagQuery, FlagRow, StoredFlag, UnitDayRow } from '../data-trust-repo.js';

export type { FlagQuery, FlagRow, StoredFlag, UnitDayRow };

/** The `meta` key of the last working day the daily-jump sweep judged (its Vietnam day index). */
export const JUMP_EVALUATED_KEY = 'data_trust.jump_evaluated_day';

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
  /** The last working day the daily-jump sweep judged (Vietnam day index); null: never. */
  jumpEvaluatedDay(): Promise<number | null>;
  /**
   * The daily-jump sweep's outcome in one transaction: its flags written (a flag already there keeps its
   * review) and the judged mark moved from `from` (null: none) to `to`. False, and nothing written, when
   * the mark is no longer `from` (another sweep, on any node, judged those days meanwhile).
   */
  recordDailyJumps(flags: readonly FlagRow[], from: number | null, to: number): Promise<boolean>;
  close(): Promise<void>;
}
