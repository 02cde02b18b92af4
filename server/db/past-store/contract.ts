/**
 * The overview's reads of past instants and parts of a day, engine-neutral and asynchronous (issue 17,
 * slice 3): the rows counted, flows of a part of a day per code ("cùng kỳ" to the minute), the overdue
 * backlog at a past instant, what became overdue today and in the last hour, and the overdue counts the
 * SQL side classifies now. Two engines: SQLite (the read repository wrapped, sqlite-past-store.ts) and
 * PostgreSQL (pg-past-store.ts); tests/server/db/past-store.shared.ts proves they answer alike.
 */
import type { Async } from '../access-store/contract.js';
import type { ReadRepo } from '../read-repo.js';

export const PAST_READS = [
  'counts',
  'flowsBetween',
  'buckPassingReceivedBetween',
  'overdueAt',
  'newlyOverdue',
  'overdueCounts',
] as const satisfies readonly (keyof ReadRepo)[];

/** read-repo.ts's queries of these names, answering promises. */
export type PastReads = Async<Pick<ReadRepo, (typeof PAST_READS)[number]>>;

export interface PastStore extends PastReads {
  readonly engine: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
