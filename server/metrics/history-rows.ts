/**
 * The metrics engine's dossiers of a history load (ingest/history-load.ts), from the projection
 * writer's rows. A history batch's dossier events are logged without a fold on the main thread
 * (ingest/service.ts appendHistory): the writer folds them into each dossier's row, once per pass. Once
 * the writer reports a pass, each dossier it covered is read back from its row and applied to the
 * engine once, from the state the engine had (read when the load first touched it since its last
 * application) to the row. The engine's figures are a function of each dossier's latest state, so
 * after the last pass they are those of per-batch updates; in between they follow the writer's passes
 * (at most HISTORY_FLUSH_MS, 5 s, apart during a load).
 * When the load ended and its last dossier is applied, `settled` runs (the deferred early warning).
 * Memory: a state is held only while its dossier waits for the writer, and an open dossier's last
 * applied state (the engine holds the same object). A finished one's is its row, read back in the
 * batch's transaction if the load names it again (before): a million-event load finishes about
 * 250,000 dossiers, which held to its end kept the main thread's old space growing all through it.
 */
import type { DossierState } from '../domain/types.js';

export interface HistoryRowsDeps {
  /**
   * The state the engine has of a dossier (null: none) unless this module holds it: the latest known,
   * without waiting for the writer (it is read in a write transaction, see `before`).
   */
  latest(id: string): DossierState | null;
  /** The dossier's row, as the writer last projected it. */
  row(id: string): DossierState | null;
  /**
   * Runs up to ROWS_PER_SNAPSHOT of a pass's row reads in one read transaction (one round of WAL locking
   * for them, and the connection's page cache, which the writer's commits empty, emptied once).
   */
  snapshot<T>(fn: () => T): T;
  apply(prev: DossierState | null, next: DossierState): void;
  /** After a pass's dossiers were applied (the live screens publish the change). */
  applied(): void;
  /**
   * The load ended and every dossier it touched is applied: their ids, each once, each with whether its
   * state is known to be finished without reading it (its row at the last pass was, and nothing changed it
   * since): the early warning need not read such a row back unless it watched the dossier.
   */
  settled(dossiers: ReadonlyMap<string, boolean>): void;
}

/**
 * Rows read back per read transaction: few enough that a snapshot is held for milliseconds (the writer's
 * TRUNCATE checkpoint waits for every reader of the WAL, holding the write lock).
 */
const ROWS_PER_SNAPSHOT = 2_000;

/** A dossier whose last applied state was finished: its row holds that state, this module does not. */
const FINISHED = 'finished';

export function createHistoryRows(deps: HistoryRowsDeps) {
  /** Dossier id → the engine's state of it before its events waiting for the writer, and the seq of the last; in seq order. */
  const waiting = new Map<string, { prev: DossierState | null; seq: number }>();
  /**
   * Every dossier of the running load (for `settled`) → the open state last applied to the engine, or
   * FINISHED (its row), or null (none applied yet, or changed by a live batch since): then `latest` answers it.
   */
  const touched = new Map<string, DossierState | typeof FINISHED | null>();
  /** The engine's states of the batch being logged (before), read in its transaction; taken by `logged`. */
  const captured = new Map<string, DossierState | null>();
  /** The engine's state of a dossier not waiting for the writer. */
  const engineState = (id: string): DossierState | null => {
    const held = touched.get(id);
    return held !== undefined && held !== null && held !== FINISHED ? held : deps.latest(id);
  };
  let ended = false;

  function settleIfDone(): void {
    if (!ended || waiting.size > 0) return;
    ended = false;
    const dossiers = new Map<string, boolean>();
    for (const [id, held] of touched) dossiers.set(id, held === FINISHED);
    deps.settled(dossiers);
    touched.clear();
  }

  return {
    /**
     * In a history batch's transaction, before its first event of the dossier is logged: the engine's
     * state of it, if not waiting, is read now, when its row cannot hold the batch's events yet (after the
     * commit the writer may fold them into it before `logged` runs).
     */
    before(id: string): void {
      if (!waiting.has(id)) captured.set(id, engineState(id));
    },
    /** A history batch committed events of these dossiers (the seq of each one's last), not folded yet. */
    logged(dossiers: ReadonlyMap<string, { seq: number }>): void {
      for (const [id, { seq }] of dossiers) {
        const held = waiting.get(id);
        // Kept in seq order: a dossier moves to the end with its latest event.
        if (held) waiting.delete(id);
        // The engine's state: as this applied it last if open (no row read back), else as read before the batch.
        const prev = held ? held.prev : captured.has(id) ? (captured.get(id) ?? null) : engineState(id);
        waiting.set(id, { prev, seq });
        if (!touched.has(id)) touched.set(id, null);
      }
      captured.clear();
    },
    /** The writer has projected every event up to `seq`: its dossiers' rows go to the engine. */
    projected(seq: number): void {
      let any = false;
      // Waiting is in seq order: each snapshot takes the next rows due, until none is.
      const due = () => {
        const first = waiting.values().next();
        return !first.done && first.value.seq <= seq;
      };
      while (due()) {
        any = true;
        deps.snapshot(() => {
          let rows = 0;
          for (const [id, w] of waiting) {
            if (w.seq > seq || rows++ === ROWS_PER_SNAPSHOT) break;
            waiting.delete(id);
            const next = deps.row(id);
            if (next) deps.apply(w.prev, next);
            // An open state is the engine's own too; a finished one is not held (its row is the same state).
            touched.set(id, next === null ? null : next.endAt === null ? next : FINISHED);
          }
        });
      }
      if (any) deps.applied();
      settleIfDone();
    },
    /** A live batch gave the engine this dossier's state: the next load pass starts from the latest state. */
    appliedLive(id: string): void {
      if (touched.has(id)) touched.set(id, null);
    },
    /** The load ended: `settled` runs once the writer has projected its last dossier (at once if it has). */
    ended(): void {
      ended = true;
      settleIfDone();
    },
    get waiting(): number {
      return waiting.size;
    },
  };
}

export type HistoryRows = ReturnType<typeof createHistoryRows>;
