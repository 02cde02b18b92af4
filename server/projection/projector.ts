import type { Store } from '../db/store.js';
import type { LoggedEvent } from '../db/events-repo.js';
import type { DossierEvent, DossierState, TaskEvent, TaskState } from '../domain/types.js';
import { foldDossier, type DossierContext } from '../domain/dossier.js';
import { foldTask } from '../domain/task.js';
import { advanceDossier, advanceOwnedDossier, advanceTask } from '../domain/fold.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent } from '../domain/logged-events.js';
import { dossierRowExtras } from './row-extras.js';
import { buckPassingRowsChange } from './buck-passing-rows.js';
import { StateCache } from './state-cache.js';
import { DataTrustRows } from './data-trust-rows.js';

/** Events read and folded per pass: bounds memory when far behind the log. */
const EVENTS_PER_PASS = 50_000;
/**
 * Per pass of a recovery at start, when nothing else runs yet: an item's events of one pass coalesce
 * into one row write, and a backlog's dossiers span many passes of 50,000 events.
 */
const RECOVERY_EVENTS_PER_PASS = 250_000;
/**
 * Most work per write transaction, in projection rows (a row with its holds ≈ 1; INDEX_ROWS_PER_STEP
 * lookup rows ≈ INDEX_STEP_WEIGHT). A transaction also ends at the first step after the ingest path
 * started waiting for the write lock, so that path waits one step and a commit, not a whole
 * transaction; while nothing waits, transactions are long: each commit rewrites the upper pages of
 * every index it touched (bench/projection-writer.ts: 2,424 WAL bytes per event at 128 rows, 2,045 at
 * 256, 1,724 at 1,024, 1,639 at 4,096; a longer one also makes a waiting ingest wait for a longer commit).
 */
const ROWS_PER_TRANSACTION = 1024;
/**
 * And a transaction ends once it has run this long: the main thread's writes that do not go through
 * the write gate (a login's session, an admin action, a reminder) wait for it in SQLite's busy
 * handler, without telling the writer. 20 ms keeps those waits about where 128 rows had them, and
 * nearly all of the WAL saved (1,753–1,763 bytes per event, 50 transactions where 1,024 rows took 43).
 */
const TRANSACTION_BUDGET_MS = 20;
/**
 * The same two bounds in a recovery at start, where the app answers 503 and so nothing else writes
 * (the main thread's rare writes still end a transaction at the next step through the gate):
 * fewer, longer transactions.
 */
const ROWS_PER_RECOVERY_TRANSACTION = 8192;
const RECOVERY_TRANSACTION_BUDGET_MS = 250;
/**
 * A pass of at least this many events is a backlog (a bulk import, a burst): the writer is the limit
 * and the ingest path is mostly answered 503 until it catches up. At a live city's rate a pass holds
 * tens of events; at 20,000 events/s, about 10,000 (the 500 ms flush).
 */
const BACKLOG_EVENTS = 10_000;
/**
 * A backlog's transactions: longer, and ended for a waiting ingest batch only after
 * BACKLOG_ROWS_BEFORE_YIELD rows. Ended at every step while an import keeps the ingest path waiting, a
 * pass took a commit (and the upper pages of every index it touched) per row, and the writer spent
 * more time waiting for the lock than writing (bench/import.ts, profile of the writer's thread); never
 * ended for it, a live burst's batches waited a whole budget (100 ms, 150–220 ms on a loaded machine)
 * at every transaction (bench/HISTORY.md 7 Dec evening).
 */
const ROWS_PER_BACKLOG_TRANSACTION = 8192;
const BACKLOG_TRANSACTION_BUDGET_MS = 100;
const BACKLOG_ROWS_BEFORE_YIELD = ROWS_PER_TRANSACTION;
/**
 * Per pass during a history load (npm run import, ingest/history-load.ts): the writer waits for this
 * many events (worker.ts) and folds them at once, so that a dossier's events of a few days become one
 * row write instead of one per event (the generator's stream, 200,000 events: 0.76 row writes per
 * event in passes of 5,000, 0.40 in 50,000, 0.31 in 100,000), and so do its holds and data-trust rows.
 */
export const HISTORY_EVENTS_PER_PASS = 100_000;
/**
 * A history load's transactions: as long as a recovery's, and ended for a waiting ingest batch only
 * after HISTORY_ROWS_BEFORE_YIELD rows: the importer's next batch waits one such step (a few ms),
 * while the writer commits once per thousand rows rather than once per row.
 */
const ROWS_PER_HISTORY_TRANSACTION = 8192;
const HISTORY_TRANSACTION_BUDGET_MS = 250;
const HISTORY_ROWS_BEFORE_YIELD = 1024;
const INDEX_ROWS_PER_STEP = 64;
const INDEX_STEP_WEIGHT = 8;
/** States kept in memory between passes, so most events fold without reading their row back. */
const CACHED_DOSSIERS = 50_000;

/** Where a recovery stands (Projector.recover): items are dossiers and tasks with events past the mark. */
export interface RecoveryProgress {
  /** Items written so far (each counted once, however many passes it is in). */
  done: number;
  /** Items with events past the mark when the recovery began. */
  total: number;
  /** Events folded so far, of `eventsTotal` logged past the mark. */
  events: number;
  eventsTotal: number;
  /** Milliseconds since the recovery began. */
  elapsedMs: number;
}

/** What a recovery shares with fold() and the steps of write(). */
interface Recovery {
  /** The end of the log when the recovery began: item_events is complete up to it. */
  to: number;
  /** Keys (`d:` or `t:` + id) of the items folded by the recovery so far: their rows are its own. */
  folded: Set<string>;
  progress: RecoveryProgress;
  started: number;
  onProgress(p: RecoveryProgress): void;
}

/**
 * Writes the projections (dossiers, holds, tasks) and the log's lookup tables (event_ids,
 * item_events) behind the event log: reads the events logged after its mark (`projections.seq` in
 * `meta`), folds them per item with the ingest path's own rule (advanceDossier) and writes each
 * changed item once per pass, however many of its events the pass holds. The mark is written in the
 * same transaction as the pass's last rows, so everything up to the mark is in those tables. Rows of
 * a pass may be committed before its mark (a pass spans several short transactions); a restart then
 * refolds those items from the log (recoverProjections), which gives the same rows whatever was
 * committed.
 *
 * There must be one Projector per database at a time: it trusts its own cache of the states it wrote.
 */
export class Projector {
  private seq: number;
  private readonly dossiers = new StateCache<DossierState>(CACHED_DOSSIERS);
  private readonly tasks = new StateCache<TaskState>(CACHED_DOSSIERS / 8);
  private readonly extras: ReturnType<typeof dossierRowExtras>;
  private readonly trust: DataTrustRows;
  /** Set while recover() runs. */
  private recovery: Recovery | null = null;
  /**
   * The seqs of the current pass's events folded so far, per item (by kind, then id): the item's events
   * past the mark, which a refold reads by seq (ofItemWithTail) instead of scanning the log's tail.
   * Keyed by the id itself, not by a `d:`/`t:` key: a key built per event is a new string to hash.
   */
  private passSeqs = newPassSeqs();
  /**
   * What a late event's refold reads (see logged): one reader per Projector, pointed at the event being
   * folded, not a closure per event (the fold calls it at once or never, and rarely).
   */
  private readonly refold = {
    kind: 'dossier' as 'dossier' | 'task',
    id: '',
    seq: 0,
    dossier: (): DossierEvent[] => this.logged('dossier', this.refold.id, this.refold.seq).map((s) => parseLoggedDossierEvent(s.payload)),
    task: (): TaskEvent[] => this.logged('task', this.refold.id, this.refold.seq).map((s) => parseLoggedTaskEvent(s.payload)),
  };
  /** A history load runs (setHistoryLoad): larger passes and transactions. */
  private historyLoad = false;

  constructor(
    private readonly store: Store,
    private readonly ctx: DossierContext,
    /**
     * TRANSACTION_BUDGET_MS; a test sets it to Infinity to count transactions whatever the machine's
     * speed (a backlog's budget is then Infinity too).
     */
    private readonly budgetMs = TRANSACTION_BUDGET_MS,
  ) {
    this.seq = store.projections.projectedSeq();
    this.extras = dossierRowExtras(ctx);
    this.trust = new DataTrustRows(store, ctx, (s) => this.extras(s).outcome);
  }

  /** Every event with seq up to this is in the projections. */
  get projectedSeq(): number {
    return this.seq;
  }

  /** During a history load, passes of HISTORY_EVENTS_PER_PASS events and longer transactions. */
  setHistoryLoad(on: boolean): void {
    this.historyLoad = on;
  }

  /** Folds every event logged after the mark into the projections; answers the new mark. */
  catchUp(): number {
    for (;;) {
      const n = this.project();
      if (n < this.passLimit()) return this.seq;
    }
  }

  private passLimit(): number {
    return this.recovery ? RECOVERY_EVENTS_PER_PASS : this.historyLoad ? HISTORY_EVENTS_PER_PASS : EVENTS_PER_PASS;
  }

  /**
   * After an unclean stop, before anything reads the projections: catches up with the end of the log
   * by the same fold and writes as catchUp, in larger passes and transactions since nothing else runs
   * yet (RECOVERY_EVENTS_PER_PASS, ROWS_PER_RECOVERY_TRANSACTION). What differs is the trust in the
   * rows: a writer that died in the middle of a pass may have committed rows past its mark, so an
   * item's first fold in the recovery starts from its events up to the mark (refolded from the log),
   * not from its row; the row is only what the write replaces. The lookup tables are filled up to the
   * end of the log first (one INSERT … SELECT each), so those refolds read item_events alone and the
   * passes write no lookup rows.
   * `onProgress` is called after every transaction. Answers what was done (items 0: nothing to do).
   */
  recover(onProgress: (p: RecoveryProgress) => void = () => {}): RecoveryProgress {
    const { store } = this;
    const started = performance.now();
    const from = this.seq;
    const to = store.events.maxSeq();
    const progress: RecoveryProgress = { done: 0, total: 0, events: 0, eventsTotal: 0, elapsedMs: 0 };
    if (to <= from) return progress;
    // Counted first (reads: they wait for no writer), so that the progress has its total at once.
    progress.total = store.events.countItemsAfter(from, to);
    progress.eventsTotal = store.events.countAfter(from, to);
    this.recovery = { to, folded: new Set(), progress, started, onProgress };
    try {
      onProgress({ ...progress, elapsedMs: performance.now() - started });
      store.transaction(() => store.events.indexRange(from, to));
      while (this.seq < to && this.project(to) > 0);
    } finally {
      this.recovery = null;
    }
    return { ...progress, elapsedMs: performance.now() - started };
  }

  /** One pass: at most EVENTS_PER_PASS events (up to `untilSeq`; RECOVERY_EVENTS_PER_PASS in a recovery) read, folded and written; answers how many. */
  private project(untilSeq?: number): number {
    const { store, recovery } = this;
    const dossiers = new Map<string, { prev: DossierState | null; next: DossierState }>();
    const tasks = new Map<string, TaskState>();
    // Read and fold in one read transaction: the prev states and refolds read the store at one
    // snapshot, without a round of WAL locking per statement. Rows are read one at a time and only
    // their keys kept (none in a history load's pass, whose lookup rows SQLite takes from the log):
    // a pass's payloads never outlive their fold.
    const inSql = this.historyLoad && !recovery;
    const events: EventKey[] = [];
    let [first, seq, count] = [0, 0, 0];
    this.passSeqs = newPassSeqs();
    store.snapshot(() => {
      this.trust.beginPass();
      for (const ev of store.events.after(this.seq, this.passLimit(), untilSeq)) {
        this.fold(ev, dossiers, tasks);
        if (count++ === 0) first = ev.seq;
        seq = ev.seq;
        if (!inSql) events.push({ seq: ev.seq, sourceId: ev.sourceId, eventId: ev.eventId, kind: ev.kind, itemId: ev.itemId });
      }
    });
    const passSeqs = this.passSeqs;
    this.passSeqs = newPassSeqs();
    if (count === 0) return 0;

    // Every write in key order, so that a pass writes each page of a table or index into the WAL
    // about once, however many transactions it takes: rows by unit (the indexes keyed by unit), the
    // lookup rows by their keys.
    const { projections } = store;
    const steps: Step[] = [];
    // In a recovery, an item's first write counts as one more item done.
    const counted = (key: string) => {
      if (!recovery || recovery.folded.has(key)) return;
      recovery.folded.add(key);
      recovery.progress.done++;
    };
    for (const [id, d] of [...dossiers].sort(([, a], [, b]) => compareUnits(a.next.unit, b.next.unit))) {
      steps.push({
        weight: 1,
        run: () => {
          const extras = this.extras(d.next);
          projections.saveDossier(d.prev, d.next, extras);
          // In the row's transaction: the case rows always match the row they were written with.
          const cases = buckPassingRowsChange(d.prev, d.next, this.ctx);
          if (cases !== null) projections.replaceBuckPassingCases(d.next, cases.had, cases.cases);
          this.trust.write(d.prev, d.next, extras.outcome);
          counted(`d:${id}`);
        },
      });
    }
    for (const [id, t] of tasks) {
      steps.push({
        weight: 1,
        run: () => {
          projections.saveTask(t);
          counted(`t:${id}`);
        },
      });
    }
    if (inSql) this.indexPassInSql(steps, first - 1, seq);
    else this.indexPassRows(steps, events, passSeqs);
    this.write(steps, seq, count >= BACKLOG_EVENTS);
    this.trust.committed((id) => (dossiers.get(id)?.next.endAt ?? null) !== null);

    // A finished dossier is rarely heard of again (a late rating, a correction): its row is read back then.
    // Keeping its state would hold nearly every dossier of a burst or an import in memory (issue 15's RSS).
    for (const [id, d] of dossiers) {
      if (d.next.endAt === null) this.dossiers.set(id, d.next);
      else this.dossiers.delete(id);
    }
    for (const [id, t] of tasks) this.tasks.set(id, t);
    this.seq = seq;
    if (recovery) recovery.progress.events += count;
    return count;
  }

  /**
   * The pass's lookup rows from JS, in the tables' key order, INDEX_ROWS_PER_STEP per step.
   * (A recovery indexed the log up to its end already: its passes write the projections alone.)
   */
  private indexPassRows(steps: Step[], events: EventKey[], passSeqs: PassSeqs): void {
    const { store, recovery } = this;
    const unindexed = recovery ? events.filter((e) => e.seq > recovery.to) : events;
    const ids = unindexed.slice().sort((a, b) => a.sourceId - b.sourceId || compareStrings(a.eventId, b.eventId));
    const items = itemRowsInKeyOrder(passSeqs, recovery ? recovery.to : 0);
    for (let i = 0; i < unindexed.length; i += INDEX_ROWS_PER_STEP) {
      const slice = ids.slice(i, i + INDEX_ROWS_PER_STEP);
      steps.push({ weight: INDEX_STEP_WEIGHT, run: () => store.events.indexIds(slice) });
    }
    for (let i = 0; i < unindexed.length; i += INDEX_ROWS_PER_STEP) {
      const slice = items.slice(i, i + INDEX_ROWS_PER_STEP);
      steps.push({ weight: INDEX_STEP_WEIGHT, run: () => store.events.indexItems(slice) });
    }
  }

  /**
   * A history load's pass (every event of (fromSeq, toSeq] is its own): its lookup rows in two
   * INSERT … SELECT statements, sorted and written inside SQLite, not built, sorted and bound row by row
   * in JS (bench/HISTORY.md 7 Dec: ≈ 2.5 s of the writer's ≈ 30 per 200,000 events).
   */
  private indexPassInSql(steps: Step[], fromSeq: number, toSeq: number): void {
    const { events } = this.store;
    const weight = ((toSeq - fromSeq) / INDEX_ROWS_PER_STEP) * INDEX_STEP_WEIGHT;
    steps.push({ weight, run: () => events.indexIdRange(fromSeq, toSeq) });
    steps.push({ weight, run: () => events.indexItemRange(fromSeq, toSeq) });
  }

  /** Folds one logged event into the pass's changed items (prev: as written before the pass). */
  private fold(
    ev: LoggedEvent,
    dossiers: Map<string, { prev: DossierState | null; next: DossierState }>,
    tasks: Map<string, TaskState>,
  ): void {
    const { ctx, recovery, refold } = this;
    const id = ev.itemId;
    const bySeq = ev.kind === 'dossier' ? this.passSeqs.dossier : this.passSeqs.task;
    const seqs = bySeq.get(id);
    if (seqs) seqs.push(ev.seq);
    else bySeq.set(id, [ev.seq]);
    refold.id = id;
    refold.seq = ev.seq;
    if (ev.kind === 'dossier') {
      const e = parseLoggedDossierEvent(ev.payload);
      const d = dossiers.get(id);
      // The pass's `next` is its own (a copy of `prev` or a refold): later events fold onto it in place.
      if (d) {
        d.next = advanceOwnedDossier(d.next, e, ctx, refold.dossier);
        this.trust.observe(ev, e, false);
      } else {
        const prev = this.dossier(id);
        this.trust.observe(ev, e, prev === null);
        // A recovery's first fold of an item: its row may be ahead of the mark (see recover).
        const base = recovery && prev && !recovery.folded.has(`d:${id}`) ? this.dossierAtMark(id) : prev;
        dossiers.set(id, { prev, next: advanceDossier(base, e, ctx, refold.dossier) });
      }
    } else {
      const e = parseLoggedTaskEvent(ev.payload);
      let prev = tasks.get(id);
      if (!prev) {
        const row = this.task(id);
        prev = (recovery && row && !recovery.folded.has(`t:${id}`) ? this.taskAtMark(id) : row) ?? undefined;
      }
      tasks.set(id, advanceTask(prev ?? null, e, refold.task));
    }
  }

  /**
   * An item's logged events up to `seq`; in a recovery, from the lookup table it completed; else the
   * lookup table up to the mark and this pass's events of the item (everything past the mark that the
   * pass has read up to `seq`).
   */
  private logged(kind: 'dossier' | 'task', id: string, seq: number) {
    if (this.recovery) return this.store.events.ofItemIndexed(kind, id, seq);
    return this.store.events.ofItemWithTail(kind, id, this.passSeqs[kind].get(id) ?? [], seq);
  }

  /** A dossier refolded from its events up to the mark (null if it has none). */
  private dossierAtMark(id: string): DossierState | null {
    const events = this.store.events.ofItemIndexed('dossier', id, this.seq);
    return events.length
      ? foldDossier(
          events.map((s) => parseLoggedDossierEvent(s.payload)),
          this.ctx,
          id,
        )
      : null;
  }

  private taskAtMark(id: string): TaskState | null {
    const events = this.store.events.ofItemIndexed('task', id, this.seq);
    return events.length
      ? foldTask(
          events.map((s) => parseLoggedTaskEvent(s.payload)),
          id,
        )
      : null;
  }

  /** Rows per transaction, its time budget, and the rows after which a waiting ingest batch ends it (Infinity: never). */
  private transactionBounds(backlog: boolean): [rows: number, budgetMs: number, yieldAfter: number] {
    if (this.recovery) return [ROWS_PER_RECOVERY_TRANSACTION, RECOVERY_TRANSACTION_BUDGET_MS, 0];
    if (this.historyLoad) return [ROWS_PER_HISTORY_TRANSACTION, HISTORY_TRANSACTION_BUDGET_MS, HISTORY_ROWS_BEFORE_YIELD];
    if (backlog) {
      const budgetMs = this.budgetMs === Infinity ? Infinity : BACKLOG_TRANSACTION_BUDGET_MS;
      return [ROWS_PER_BACKLOG_TRANSACTION, budgetMs, BACKLOG_ROWS_BEFORE_YIELD];
    }
    return [ROWS_PER_TRANSACTION, this.budgetMs, 0];
  }

  /**
   * Runs the steps in transactions of at most about ROWS_PER_TRANSACTION and TRANSACTION_BUDGET_MS,
   * each ended early when the ingest path waits for the write lock (a backlog's and a history load's:
   * see transactionBounds); the mark goes with the last one.
   */
  private write(steps: Step[], seq: number, backlog: boolean): void {
    const { store } = this;
    let i = 0;
    do {
      store.transaction(() => {
        const [rows, budgetMs, yieldAfter] = this.transactionBounds(backlog);
        const until = performance.now() + budgetMs;
        for (let work = 0; i < steps.length && work < rows;) {
          steps[i].run();
          work += steps[i].weight;
          i++;
          if ((work >= yieldAfter && store.writerWaiting()) || performance.now() >= until) break;
        }
        this.trust.endTransaction();
        if (i === steps.length) this.store.projections.setProjectedSeq(seq);
      });
      const r = this.recovery;
      if (r) r.onProgress({ ...r.progress, elapsedMs: performance.now() - r.started });
    } while (i < steps.length);
  }

  private dossier(id: string): DossierState | null {
    return this.dossiers.get(id) ?? this.store.projections.getDossier(id);
  }

  private task(id: string): TaskState | null {
    return this.tasks.get(id) ?? this.store.projections.getTask(id);
  }
}

/** What a pass keeps of a logged event once it is folded: its keys in the lookup tables. */
type EventKey = Pick<LoggedEvent, 'seq' | 'sourceId' | 'eventId' | 'kind' | 'itemId'>;

/** A pass's seqs per item: see Projector.passSeqs. */
interface PassSeqs {
  dossier: Map<string, number[]>;
  task: Map<string, number[]>;
}

function newPassSeqs(): PassSeqs {
  return { dossier: new Map(), task: new Map() };
}

/**
 * The pass's item_events rows (those past `afterSeq`) in the table's key order (kind, item id, seq),
 * from its seqs per item (already in seq order): sorting the item ids alone, a fraction of the
 * events, instead of every event with a three-key comparison (a second per 200,000 imported events).
 * Dossiers first ('dossier' < 'task'), each kind's ids in code-unit order (SQLite's BINARY collation).
 */
function itemRowsInKeyOrder(seqsByItem: PassSeqs, afterSeq: number): Pick<EventKey, 'kind' | 'itemId' | 'seq'>[] {
  const rows: Pick<EventKey, 'kind' | 'itemId' | 'seq'>[] = [];
  for (const kind of ['dossier', 'task'] as const) {
    const seqs = seqsByItem[kind];
    for (const itemId of [...seqs.keys()].sort()) for (const seq of seqs.get(itemId)!) if (seq > afterSeq) rows.push({ kind, itemId, seq });
  }
  return rows;
}

/** One write of a pass, and roughly how much work it is (see ROWS_PER_TRANSACTION). */
interface Step {
  weight: number;
  run(): void;
}

function compareUnits(a: string | null, b: string | null): number {
  return a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
}

/** Code-unit order, as SQLite's BINARY collation compares ASCII ids. */
function compareStrings(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * Brings the projections and the log's lookup tables up to the end of the log after an unclean stop
 * (Projector.recover, on this store). The server runs the same recovery on the projection writer's
 * thread (worker.ts) while it answers /health; this is for tools and tests. Answers the number of
 * items refolded.
 */
export function recoverProjections(store: Store, ctx: DossierContext): number {
  return new Projector(store, ctx).recover().done;
}
