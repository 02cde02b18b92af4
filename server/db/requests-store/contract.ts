/**
 * Reminders and explanation requests, engine-neutral and asynchronous (issue 17, slice 3): sending,
 * reading, answering, the sender seeing the answer, the clock's overdue notes, and the lists of a
 * unit, a user, an item and an official. The members of SQLite's reminders repository, each answering
 * a promise. Two engines: SQLite (the repository wrapped, sqlite-requests-store.ts) and PostgreSQL
 * (pg-requests-store.ts, whose sender and reader names come from its users table: the access store's);
 * tests/server/db/requests-store.shared.ts proves they answer alike.
 */
import type { RemindersRepo } from '../reminders-repo.js';

export type { HolderRequestCounts, NewReminder, ReminderRow } from '../reminders-repo.js';

/** The reminders repository's members as promises (another engine's, or SQLite's wrapped). */
export type AsyncRequestReads = {
  [K in keyof RemindersRepo]: (...a: Parameters<RemindersRepo[K]>) => Promise<ReturnType<RemindersRepo[K]>>;
};

export interface RequestsStore extends AsyncRequestReads {
  readonly engine: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
