import type { Db } from './connection.js';
import { createEventsRepo } from './events-repo.js';
import { createProjectionsRepo } from './projections-repo.js';
import { createQuarantineRepo } from './quarantine-repo.js';
import { createSourcesRepo } from './sources-repo.js';
import { createReadRepo } from './read-repo.js';
import { createOfficialsRepo } from './officials-repo.js';
import { createServiceIndexRepo } from './service-index-repo.js';
import { createPortalIndexRepo } from './portal-index-repo.js';
import { openReadOnlyDatabase } from './connection.js';
import { createMetaRepo } from './meta-repo.js';
import { createDisplaysRepo, createWallPresetsRepo } from './wall-repo.js';
import { createUsersRepo } from './users-repo.js';
import { createSessionsRepo } from './sessions-repo.js';
import { createAuditRepo } from './audit-repo.js';
import { createRemindersRepo } from './reminders-repo.js';
import { createAtRiskRepo } from './at-risk-repo.js';
import { createDataTrustRepo } from './data-trust-repo.js';
import { createReplayRepo } from './replay-repo.js';
import type { WriteGate } from './write-gate.js';

export interface StoreOptions {
  /** Write lock shared with another thread's connection to the same file (write-gate.ts). */
  gate?: WriteGate;
  /** This connection goes first at the gate (the main thread's). */
  priority?: boolean;
  /** Called after each committed transaction (the projection writer bounds the WAL there). */
  afterCommit?: () => void;
}

/** Every repository over one database, plus its transaction helper. */
export function createStore(db: Db, file = ':memory:', opts: StoreOptions = {}) {
  const { gate, priority = false } = opts;
  let readBarrier = () => {};
  // Every read-side query first waits for the projections to catch up with the log (see setReadBarrier).
  const afterBarrier = <R extends object>(repo: R): R =>
    Object.fromEntries(
      Object.entries(repo).map(([name, fn]) => [
        name,
        (...args: unknown[]) => {
          readBarrier();
          return (fn as (...a: unknown[]) => unknown)(...args);
        },
      ]),
    ) as R;
  const readAfterBarrier = afterBarrier(createReadRepo(db));
  /**
   * Runs fn in one synchronous transaction (all or nothing). BEGIN IMMEDIATE takes the write lock
   * first: the projection writer commits from another connection, and a transaction that read
   * before it wrote could otherwise fail on a snapshot that a commit made stale (SQLITE_BUSY_SNAPSHOT).
   */
  const transaction = <T>(fn: () => T): T => {
    const tx = db.transaction(fn);
    const result = gate ? gate.run(priority, () => tx.immediate()) : tx.immediate();
    opts.afterCommit?.();
    return result;
  };
  // The named writes go through the write gate like the ingest path's (inside a transaction already
  // open, as they are). A write outside it waited in SQLite's busy handler, which the projection
  // writer does not see: behind a long pass on a loaded machine it gave up after busy_timeout with
  // "database is locked" (seen: the demo's users at start, while the demo history was projected).
  const gated = <R extends object>(repo: R, writes: readonly (keyof R & string)[]): R => {
    const out = { ...repo } as Record<string, unknown>;
    for (const name of writes) {
      const fn = repo[name] as (...a: unknown[]) => unknown;
      const call = (args: unknown[]) => fn.apply(repo, args);
      out[name] = (...args: unknown[]) => (db.inTransaction ? call(args) : transaction(() => call(args)));
    }
    return out as R;
  };
  return {
    file,
    sources: gated(createSourcesRepo(db), ['create', 'upsertKey', 'update', 'setSilence', 'revoke', 'markSeen']),
    events: createEventsRepo(db),
    /** The projections' write side (and the ingest path's reads of its rows). */
    projections: createProjectionsRepo(db),
    quarantine: createQuarantineRepo(db),
    /** The read side of the projections, for the API: each query sees every event accepted before it. */
    read: readAfterBarrier,
    /** The officials' pages' read side, behind the same barrier. */
    officials: afterBarrier(createOfficialsRepo(db)),
    /** The national service index of closed periods, behind the same barrier. */
    serviceIndex: afterBarrier(createServiceIndexRepo(db)),
    /** The national portal's published index figures (npm run index:import); no barrier: events do not write them. */
    portalIndex: createPortalIndexRepo(db),
    meta: gated(createMetaRepo(db), ['set']),
    wallPresets: gated(createWallPresetsRepo(db), ['save', 'remove']),
    displays: gated(createDisplaysRepo(db), ['create', 'revoke', 'markSeen']),
    users: gated(createUsersRepo(db), ['create', 'upsert', 'update', 'setPasswordHash', 'disable', 'enable', 'markLogin']),
    sessions: gated(createSessionsRepo(db), ['create', 'delete', 'deleteForUser', 'purgeExpired']),
    audit: gated(createAuditRepo(db), ['add']),
    reminders: gated(createRemindersRepo(db), ['create', 'acknowledge', 'answer', 'markAnswersSeen', 'noteOverdue']),
    /** The `at_risk` alerts pushed so far (early warning). */
    atRiskPushed: createAtRiskRepo(db),
    /** The data-trust tables' write side (projection writer, daily-jump sweep, reviews) and its reads of its own writes. */
    dataTrust: createDataTrustRepo(db),
    /** The data-trust tables for the API, behind the read barrier. */
    dataTrustRead: afterBarrier(createDataTrustRepo(db)),
    /** The time machine's checkpoints and its reads of the log (no barrier: it reads the log itself). */
    replay: createReplayRepo(db),
    /** Runs fn in one synchronous transaction, through the write gate (see `transaction` above). */
    transaction,
    /**
     * True while the connection that goes first at the write gate waits for it (always false for that
     * connection, or without a gate): a long series of writes should commit at its next step.
     */
    writerWaiting(): boolean {
      return gate !== undefined && !priority && gate.priorityWaiting;
    },
    /** This connection's waits at the write gate so far (count, ms in all; none without a gate). */
    gateWaits(): { count: number; ms: number } {
      return gate?.waits ?? { count: 0, ms: 0 };
    },
    /**
     * Runs fn in one read transaction: its reads see one snapshot and share one round of WAL locking
     * (a statement outside a transaction opens and closes its own, which costs more than a point lookup).
     */
    snapshot<T>(fn: () => T): T {
      return db.transaction(fn).deferred();
    },
    /**
     * `barrier` runs before every `read` query: the runtime makes it wait for the projection writer,
     * so a reader sees every event accepted before it (read-your-writes). It must not be called from
     * inside a transaction of this connection (the writer would wait for it).
     */
    setReadBarrier(barrier: () => void): void {
      readBarrier = () => {
        if (db.inTransaction) throw new Error('a read-side query inside a write transaction would wait for itself');
        barrier();
      };
    },
    ping(): boolean {
      return db.prepare('SELECT 1').pluck().get() === 1;
    },
    /** The database's size in bytes (pages × page size): in WAL mode the file itself lags until a checkpoint. */
    sizeBytes(): number {
      return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
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
  return { read: createReadRepo(db), officials: createOfficialsRepo(db), close: () => db.close() };
}
