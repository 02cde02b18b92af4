import type { Store } from '../db/store.js';
import type { LoggedEvent } from '../db/events-repo.js';
import type { DossierState, TaskState } from '../domain/types.js';
import { foldDossier, type DossierContext } from '../domain/dossier.js';
import { foldTask } from '../domain/task.js';
import { advanceDossier, advanceOwnedDossier, advanceTask } from '../ingest/fold.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent } from '../ingest/validate.js';
import { dossierRowExtras } from '../ingest/projection-extras.js';
import { StateCache } from '../ingest/state-cache.js';

/** Events read and folded per pass: bounds memory when far behind the log. */
const EVENTS_PER_PASS = 50_000;
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
/** Transactions of recovery at start, where nothing else writes. */
const ROWS_PER_RECOVERY_TRANSACTION = 128;
const INDEX_ROWS_PER_STEP = 64;
const INDEX_STEP_WEIGHT = 8;
/** States kept in memory between passes, so most events fold without reading their row back. */
const CACHED_DOSSIERS = 50_000;

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

  constructor(
    private readonly store: Store,
    private readonly ctx: DossierContext,
    /** TRANSACTION_BUDGET_MS; a test sets it to Infinity to count transactions whatever the machine's speed. */
    private readonly budgetMs = TRANSACTION_BUDGET_MS,
  ) {
    this.seq = store.projections.projectedSeq();
    this.extras = dossierRowExtras(ctx);
  }

  /** Every event with seq up to this is in the projections. */
  get projectedSeq(): number {
    return this.seq;
  }

  /** Folds every event logged after the mark into the projections; answers the new mark. */
  catchUp(): number {
    for (;;) {
      const n = this.project();
      if (n < EVENTS_PER_PASS) return this.seq;
    }
  }

  /** One pass: at most EVENTS_PER_PASS events read, folded and written; answers how many. */
  private project(): number {
    const { store } = this;
    const dossiers = new Map<string, { prev: DossierState | null; next: DossierState }>();
    const tasks = new Map<string, TaskState>();
    // Read and fold in one read transaction: the prev states and refolds read the store at one
    // snapshot, without a round of WAL locking per statement. Rows are read one at a time and only
    // their keys kept: a pass's payloads never outlive their fold.
    const events: EventKey[] = [];
    store.snapshot(() => {
      for (const ev of store.events.after(this.seq, EVENTS_PER_PASS)) {
        this.fold(ev, dossiers, tasks);
        events.push({ seq: ev.seq, sourceId: ev.sourceId, eventId: ev.eventId, kind: ev.kind, itemId: ev.itemId });
      }
    });
    if (events.length === 0) return 0;
    const seq = events[events.length - 1].seq;

    // Every write in key order, so that a pass writes each page of a table or index into the WAL
    // about once, however many transactions it takes: rows by unit (the indexes keyed by unit), the
    // lookup rows by their keys.
    const { projections } = store;
    const steps: Step[] = [];
    for (const d of [...dossiers.values()].sort((a, b) => compareUnits(a.next.unit, b.next.unit))) {
      steps.push({ weight: 1, run: () => projections.saveDossier(d.prev, d.next, this.extras(d.next)) });
    }
    for (const t of tasks.values()) steps.push({ weight: 1, run: () => projections.saveTask(t) });
    const ids = events.slice().sort((a, b) => a.sourceId - b.sourceId || compareStrings(a.eventId, b.eventId));
    const items = events.slice().sort((a, b) => compareStrings(a.kind, b.kind) || compareStrings(a.itemId, b.itemId) || a.seq - b.seq);
    for (let i = 0; i < events.length; i += INDEX_ROWS_PER_STEP) {
      const slice = ids.slice(i, i + INDEX_ROWS_PER_STEP);
      steps.push({ weight: INDEX_STEP_WEIGHT, run: () => store.events.indexIds(slice) });
    }
    for (let i = 0; i < events.length; i += INDEX_ROWS_PER_STEP) {
      const slice = items.slice(i, i + INDEX_ROWS_PER_STEP);
      steps.push({ weight: INDEX_STEP_WEIGHT, run: () => store.events.indexItems(slice) });
    }
    this.write(steps, seq);

    for (const [id, d] of dossiers) this.dossiers.set(id, d.next);
    for (const [id, t] of tasks) this.tasks.set(id, t);
    this.seq = seq;
    return events.length;
  }

  /** Folds one logged event into the pass's changed items (prev: as written before the pass). */
  private fold(ev: LoggedEvent, dossiers: Map<string, { prev: DossierState | null; next: DossierState }>, tasks: Map<string, TaskState>): void {
    const { store, ctx } = this;
    const id = ev.itemId;
    if (ev.kind === 'dossier') {
      const e = parseLoggedDossierEvent(ev.payload);
      const d = dossiers.get(id);
      const logged = () => store.events.ofItem('dossier', id, ev.seq).map((s) => parseLoggedDossierEvent(s.payload));
      // The pass's `next` is its own (a copy of `prev` or a refold): later events fold onto it in place.
      if (d) d.next = advanceOwnedDossier(d.next, e, ctx, logged);
      else {
        const prev = this.dossier(id);
        dossiers.set(id, { prev, next: advanceDossier(prev, e, ctx, logged) });
      }
    } else {
      const e = parseLoggedTaskEvent(ev.payload);
      const prev = tasks.get(id) ?? this.task(id);
      tasks.set(id, advanceTask(prev, e, () => store.events.ofItem('task', id, ev.seq).map((s) => parseLoggedTaskEvent(s.payload))));
    }
  }

  /**
   * Runs the steps in transactions of at most about ROWS_PER_TRANSACTION and TRANSACTION_BUDGET_MS,
   * each ended early when the ingest path waits for the write lock; the mark goes with the last one.
   */
  private write(steps: Step[], seq: number): void {
    const { store } = this;
    let i = 0;
    do {
      store.transaction(() => {
        const until = performance.now() + this.budgetMs;
        for (let work = 0; i < steps.length && work < ROWS_PER_TRANSACTION; ) {
          steps[i].run();
          work += steps[i].weight;
          i++;
          if (store.writerWaiting() || performance.now() >= until) break;
        }
        if (i === steps.length) this.store.projections.setProjectedSeq(seq);
      });
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
 * At start, before anything reads the projections: brings them and the log's lookup tables up to the
 * end of the log after a crash between a batch's commit to the log and the projection writer's (or in
 * the middle of the writer's pass). Each item with events after the mark is refolded from its whole
 * log, so rows the writer had already committed past the mark come out the same. Answers the number
 * of items refolded.
 */
export function recoverProjections(store: Store, ctx: DossierContext): number {
  const from = store.projections.projectedSeq();
  const to = store.events.maxSeq();
  if (to <= from) return 0;
  const extras = dossierRowExtras(ctx);
  store.transaction(() => store.events.indexRange(from, to));
  const items = store.events.itemsAfter(from, to);
  for (let i = 0; i < items.length; i += ROWS_PER_RECOVERY_TRANSACTION) {
    store.transaction(() => {
      for (const { kind, itemId } of items.slice(i, i + ROWS_PER_RECOVERY_TRANSACTION)) {
        if (kind === 'dossier') {
          const next = foldDossier(store.events.ofItem('dossier', itemId, to).map((s) => parseLoggedDossierEvent(s.payload)), ctx, itemId);
          store.projections.saveDossier(store.projections.getDossier(itemId), next, extras(next));
        } else {
          store.projections.saveTask(foldTask(store.events.ofItem('task', itemId, to).map((s) => parseLoggedTaskEvent(s.payload)), itemId));
        }
      }
    });
  }
  store.transaction(() => store.projections.setProjectedSeq(to));
  return items.length;
}
