import type { Db } from './connection.js';
import { createEventsRepo } from './events-repo.js';
import { createProjectionsRepo } from './projections-repo.js';
import { createQuarantineRepo } from './quarantine-repo.js';
import { createSourcesRepo } from './sources-repo.js';
import { createReadRepo } from './read-repo.js';
import { openReadOnlyDatabase } from './connection.js';
import { createMetaRepo } from './meta-repo.js';
import { createDisplaysRepo, createWallPresetsRepo } from './wall-repo.js';
import { createUsersRepo } from './users-repo.js';
import { createSessionsRepo } from './sessions-repo.js';
import { createAuditRepo } from './audit-repo.js';
import { createRemindersRepo } from './reminders-repo.js';

/** Every repository over one database, plus its transaction helper. */
export function createStore(db: Db, file = ':memory:') {
  return {
    file,
    sources: createSourcesRepo(db),
    events: createEventsRepo(db),
    projections: createProjectionsRepo(db),
    quarantine: createQuarantineRepo(db),
    read: createReadRepo(db),
    meta: createMetaRepo(db),
    wallPresets: createWallPresetsRepo(db),
    displays: createDisplaysRepo(db),
    users: createUsersRepo(db),
    sessions: createSessionsRepo(db),
    audit: createAuditRepo(db),
    reminders: createRemindersRepo(db),
    /** Runs fn in one synchronous transaction (all or nothing). */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    ping(): boolean {
      return db.prepare('SELECT 1').pluck().get() === 1;
    },
    close(): void {
      db.close();
    },
  };
}

export type Store = ReturnType<typeof createStore>;

/** The read-side queries over a read-only connection of their own (for a worker thread). */
export function openReadOnlyStore(file: string) {
  const db = openReadOnlyDatabase(file);
  return { read: createReadRepo(db), close: () => db.close() };
}
