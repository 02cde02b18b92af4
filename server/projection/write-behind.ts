/**
 * The main thread's side of the write-behind projections: the one owner of "the latest known state"
 * of every dossier and task, and of the ids of events the projection writer has not indexed yet.
 *
 * The ingest service commits a batch to the log and hands its changed states here (committed); the
 * projection writer (writer.ts, on its own thread) folds the same log into the projection rows a
 * little later and reports its mark (onProjected); what it has written is dropped from memory here,
 * except the states of open items, kept (bounded) so that their next event folds without reading the
 * row back.
 *
 * Read-your-writes, one rule: a batch is visible to every reader on the main thread as soon as
 * ingest() returned. Readers of an item's state or of an event id (the ingest path itself, its unit
 * limit, alert payloads) ask this module, which answers from memory whatever the projections do not
 * have yet and from the store's rows the rest, never waiting for the writer; readers of the
 * projection tables (`store.read`: the API) wait for the writer to reach the end of the log instead
 * (the store's read barrier, ProjectionWriter.sync). Nothing else reads the rows of an item that
 * may have unprojected events.
 */
import type { Store } from '../db/store.js';
import type { DossierState, TaskState } from '../domain/types.js';
import type { ProjectionWriter } from './writer.js';

/** Items whose states stay in memory between batches (≈ the open backlog of a large city). */
const LATEST_DOSSIERS = 400_000;
const LATEST_TASKS = LATEST_DOSSIERS / 8;

/** What one committed ingest batch changed. */
export interface CommittedBatch {
  sourceId: number;
  /** Seq of the batch's last logged event (0: it logged none). */
  seq: number;
  /** The ids of the events it logged, each with its seq and item (item-key.ts). */
  eventIds: ReadonlyMap<string, { seq: number; item: string }>;
  /** Each changed item's state after the batch. */
  dossiers: ReadonlyMap<string, DossierState>;
  tasks: ReadonlyMap<string, TaskState>;
  /**
   * A history-load batch's dossiers that it logged events for without folding them (id → the seq of
   * its last such event): the projection writer folds them from the log; until it has, their state is
   * its row once projected (see LatestStates.fold). With each one's receipt instant after the batch.
   */
  folding?: ReadonlyMap<string, { seq: number; receivedAt: number | null }>;
}

export interface WriteBehindDeps {
  store: Store;
  /** The projection writer: told when the log grew, it tells when the projections caught up. */
  projections: Pick<ProjectionWriter, 'logged' | 'onProjected'> & Partial<Pick<ProjectionWriter, 'sync'>>;
}

/** See the module's comment. */
export function createWriteBehind(deps: WriteBehindDeps) {
  const { store } = deps;
  const sync = () => deps.projections.sync?.();
  const dossiers = new LatestStates<DossierState>(
    LATEST_DOSSIERS,
    (s) => s.endAt === null,
    (id) => store.projections.getDossier(id),
    sync,
  );
  const tasks = new LatestStates<TaskState>(
    LATEST_TASKS,
    (s) => s.status === 'open',
    (id) => store.projections.getTask(id),
    sync,
  );
  const receipts = new HistoryReceipts();
  // Ids of logged events that event_ids does not have yet, per source, with their seq, in seq order.
  // Their payloads stay in the log: held here they would outlive many collections, and a resend is
  // rare. Keyed by the id itself under its source's map: a joined `source + id` key cost a string
  // built and hashed per event twice (logged, then checked).
  const unindexedIds = new Map<number, Map<string, { seq: number; item: string }>>();
  // The same events' seqs per item, in seq order: an item's events past the projections' mark, read by
  // seq when it is refolded (a scan of the log's tail instead costs as much as the writer lags).
  const unindexedSeqs = new Map<string, number[]>();

  deps.projections.onProjected((seq) => {
    dossiers.projected(seq);
    tasks.projected(seq);
    receipts.projected(dossiers.foldingCount);
    forgetIndexed(unindexedIds, unindexedSeqs, seq);
  });

  return {
    /**
     * The state of a dossier after every event accepted so far (null: none); waits for the writer only for
     * a dossier with history-load events it has not folded yet (never inside a write transaction: syncIfFolding).
     */
    dossier(id: string): DossierState | null {
      return dossiers.get(id);
    },

    /** dossier() without waiting for the writer (a dossier it has not folded yet: its row as is); for an alert's payload. */
    peekDossier(id: string): DossierState | null {
      return dossiers.peek(id);
    },

    /** A dossier's receipt instant after every event accepted so far (null: none), without waiting for the writer. */
    receivedAt(id: string): number | null {
      const known = receipts.get(id);
      return known !== undefined ? known : (dossiers.get(id)?.receivedAt ?? null);
    },

    /**
     * Waits for the writer if it has not folded some of these dossiers' history-load events: before a batch's
     * transaction that reads their states (the writer needs the write lock to catch up).
     */
    syncIfFolding(ids: Iterable<string>): void {
      if (dossiers.anyFolding(ids)) sync();
    },

    /** The history load ended (its receipt instants are dropped once the writer folded its last dossier). */
    historyEnded(): void {
      receipts.ended(dossiers.foldingCount);
    },

    /** The state of a task after every event accepted so far (null: none). */
    task(id: string): TaskState | null {
      return tasks.get(id);
    },

    /**
     * Payload of the event this source logged under this id, if any: logged since the projections'
     * mark (read from the log by its seq), else in `indexed` (what event_ids held for the batch's ids,
     * read in the same transaction).
     */
    loggedPayload(sourceId: number, eventId: string, indexed: ReadonlyMap<string, string>): string | undefined {
      const e = unindexedIds.get(sourceId)?.get(eventId);
      return e !== undefined ? store.events.payloadAt(e.seq) : indexed.get(eventId);
    },

    /**
     * The seqs of the item's committed events that the projections may not have yet (`key`: itemKey),
     * in seq order: with the lookup table, every event of the item (EventsRepo.ofItemWithTail).
     */
    unindexedSeqs(key: string): readonly number[] {
      return unindexedSeqs.get(key) ?? [];
    },

    /**
     * A batch's transaction committed: its states become the latest known, its ids known, and the
     * projection writer is told (which may wait for it when it lags too far behind, see writer.ts).
     * Must not be called for a batch that rolled back: memory would hold states the log does not.
     */
    committed(batch: CommittedBatch): void {
      if (batch.seq === 0) return;
      let ids = unindexedIds.get(batch.sourceId);
      if (!ids) unindexedIds.set(batch.sourceId, (ids = new Map()));
      for (const [eventId, e] of batch.eventIds) {
        ids.set(eventId, e);
        const seqs = unindexedSeqs.get(e.item);
        if (seqs) seqs.push(e.seq);
        else unindexedSeqs.set(e.item, [e.seq]);
      }
      for (const [id, state] of batch.dossiers) {
        dossiers.committed(id, state, batch.seq);
        receipts.committed(id, state.receivedAt);
      }
      for (const [id, f] of batch.folding ?? []) {
        dossiers.fold(id, f.seq);
        receipts.folding(id, f.receivedAt);
      }
      for (const [id, state] of batch.tasks) tasks.committed(id, state, batch.seq);
      deps.projections.logged(batch.seq);
    },

    /** How many states are held (for tests and diagnostics). */
    get size(): { dossiers: number; tasks: number; unindexedIds: number; unindexedItems: number } {
      let ids = 0;
      for (const m of unindexedIds.values()) ids += m.size;
      return { dossiers: dossiers.size, tasks: tasks.size, unindexedIds: ids, unindexedItems: unindexedSeqs.size };
    },
  };
}

export type WriteBehind = ReturnType<typeof createWriteBehind>;

/** The projections indexed every event up to `seq`: their ids and seqs leave the unindexed maps. */
function forgetIndexed(
  unindexedIds: Map<number, Map<string, { seq: number; item: string }>>,
  unindexedSeqs: Map<string, number[]>,
  seq: number,
): void {
  for (const ids of unindexedIds.values()) {
    for (const [eventId, e] of ids) {
      if (e.seq > seq) break;
      ids.delete(eventId);
      // Both in seq order: this event is the first of its item's list.
      const seqs = unindexedSeqs.get(e.item);
      if (seqs && seqs.length > 1) seqs.shift();
      else unindexedSeqs.delete(e.item);
    }
  }
}

/**
 * One copy of each item's latest state in memory: pinned while the projections are behind it, then
 * kept as a bounded cache when `keep` (open items), dropped otherwise (finished items rarely change
 * again). Everything else is read from the item's row.
 */
class LatestStates<T> {
  /** Id → latest state, in the order of the commits that set them (so in seq order). */
  private readonly states = new Map<string, T>();
  /** Ids whose state the projections do not have yet → seq of the batch that set it; in seq order. */
  private readonly pending = new Map<string, number>();
  /**
   * Ids with logged events that nobody folded here (a history load's, see fold) → the seq of the last;
   * in seq order. Their state is their row once the writer has projected that seq.
   */
  private readonly folding = new Map<string, number>();

  constructor(
    private readonly capacity: number,
    private readonly keep: (state: T) => boolean,
    private readonly row: (id: string) => T | null,
    /** Waits until the projection writer has folded every logged event (outside any write transaction). */
    private readonly sync: () => void,
  ) {}

  get(id: string): T | null {
    if (this.folding.has(id)) this.sync();
    return this.states.get(id) ?? this.row(id);
  }

  /** get() without waiting for the writer: a folding item's row as last projected. */
  peek(id: string): T | null {
    return this.states.get(id) ?? this.row(id);
  }

  committed(id: string, state: T, seq: number): void {
    this.folding.delete(id);
    this.states.delete(id);
    this.states.set(id, state);
    this.pending.delete(id);
    this.pending.set(id, seq);
    this.evict();
  }

  /** Events up to `seq` were logged for the item without a state here: the writer's fold is its state. */
  fold(id: string, seq: number): void {
    this.states.delete(id);
    this.pending.delete(id);
    this.folding.delete(id);
    this.folding.set(id, seq);
  }

  anyFolding(ids: Iterable<string>): boolean {
    if (this.folding.size === 0) return false;
    for (const id of ids) if (this.folding.has(id)) return true;
    return false;
  }

  get foldingCount(): number {
    return this.folding.size;
  }

  /** The projections have every event up to `seq`. */
  projected(seq: number): void {
    for (const [id, at] of this.folding) {
      if (at > seq) break;
      this.folding.delete(id);
    }
    for (const [id, at] of this.pending) {
      if (at > seq) break;
      this.pending.delete(id);
      const state = this.states.get(id);
      if (state !== undefined && !this.keep(state)) this.states.delete(id);
    }
    this.evict();
  }

  get size(): number {
    return this.states.size;
  }

  /**
   * Evicts the oldest states over capacity. Both maps are in seq order, so the pending states are the
   * newest: once the oldest is pending, all are, and they stay (the writer's lag bounds them).
   */
  private evict(): void {
    while (this.states.size > this.capacity) {
      const oldest = this.states.keys().next().value as string;
      if (this.pending.has(oldest)) return;
      this.states.delete(oldest);
    }
  }
}

/**
 * A history load's dossiers' receipt instants: what the ingest path's order check needs of them, which
 * it does not fold (ingest/service.ts appendHistory). Kept from their first history batch until the
 * load ended and the writer folded its last dossier, then read from the states again.
 */
class HistoryReceipts {
  private readonly byId = new Map<string, number | null>();
  private ending = false;

  /** undefined: not a dossier of the running load. */
  get(id: string): number | null | undefined {
    return this.byId.get(id);
  }

  /** A history batch logged events of the dossier: its receipt after them. */
  folding(id: string, receivedAt: number | null): void {
    this.byId.set(id, receivedAt);
  }

  /** A live batch folded the dossier: its receipt, if it is a dossier of the load. */
  committed(id: string, receivedAt: number | null): void {
    if (this.byId.has(id)) this.byId.set(id, receivedAt);
  }

  ended(stillFolding: number): void {
    this.ending = true;
    this.projected(stillFolding);
  }

  projected(stillFolding: number): void {
    if (!this.ending || stillFolding > 0) return;
    this.byId.clear();
    this.ending = false;
  }
}
