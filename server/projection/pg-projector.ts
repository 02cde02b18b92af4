/**
 * The projection writer on PostgreSQL (issue 17, slice 2): follows the event log by seq behind ingest
 * and writes the item store's tables (dossiers, holds, tasks, overdue spans, buck-passing cases,
 * pg-migrations/003_items.sql) with SQLite's rows (pg-rows.ts) and SQLite's fold (the ingest path's
 * advanceDossier and advanceTask, as projector.ts folds).
 *
 * A pass reads the events after its mark (seqs are gap-free and in commit order, migration 001, so
 * "after the mark" never skips an event a slower transaction commits later), folds them per item onto
 * the states its rows hold, and writes each changed item once, with the new mark, in one transaction.
 * So the rows are always exactly the fold of the log up to the mark: a writer killed mid-pass leaves the
 * previous pass's rows and mark, and the next start resumes from there (no recovery refold as SQLite's,
 * whose passes span several transactions). Ingest never waits for it: it writes none of the tables
 * ingest writes (events, log_head, sources, quarantine) and PostgreSQL's readers never block writers.
 *
 * One writer per database: a pass locks the mark's row first and finds it where this writer left it,
 * or gives the pass up (PgMarkMoved) and forgets its cached states; another node's writer won.
 */
import type { DossierContext } from '../domain/dossier.js';
import type { DossierEvent, DossierState, TaskEvent, TaskState } from '../domain/types.js';
import { advanceDossier, advanceOwnedDossier, advanceTask } from '../domain/fold.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent } from '../domain/logged-events.js';
import { MarkMoved, type PassEvent, type ProjectionStore } from '../db/projection-store/contract.js';
import { dossierRowExtras } from './row-extras.js';
import { StateCache } from './state-cache.js';
import { itemKey } from './item-key.js';
import { PassRows } from './pg-rows.js';

/** Events read and folded per pass (one transaction each): bounds memory and a pass's hold of the event loop. */
export const PG_EVENTS_PER_PASS = 5_000;
/** States kept between passes (projector.ts CACHED_DOSSIERS), so most events fold without reading their row. */
const CACHED_DOSSIERS = 50_000;

/** A late event's item needs its logged events (advanceDossier's `logged`): read, then the pass is folded again. */
class NeedsLog extends Error {
  constructor(readonly key: string) {
    super(`the log of ${key} is needed`);
  }
}

/** What one pass did. */
export interface PgPass {
  events: number;
  rows: number;
  seq: number;
}

export { MarkMoved };

export class PgProjector {
  private seq = 0;
  private started = false;
  private readonly dossiers = new StateCache<DossierState>(CACHED_DOSSIERS);
  private readonly tasks = new StateCache<TaskState>(CACHED_DOSSIERS / 8);
  private readonly extras: ReturnType<typeof dossierRowExtras>;
  /** Items refolded from their logged events (a late arrival), since this writer started. */
  refolds = 0;

  constructor(
    private readonly store: ProjectionStore,
    private readonly ctx: DossierContext,
    private readonly eventsPerPass = PG_EVENTS_PER_PASS,
  ) {
    this.extras = dossierRowExtras(ctx);
  }

  /** Every event with seq up to this is in the projections (after start()). */
  get projectedSeq(): number {
    return this.seq;
  }

  /** Events per pass: a pass with fewer reached the log's end. */
  get passLimit(): number {
    return this.eventsPerPass;
  }

  /** Reads the mark; answers it. */
  async start(): Promise<number> {
    this.seq = await this.store.projectedSeq();
    this.started = true;
    return this.seq;
  }

  /** Passes until the log's end as it was read; answers the mark. */
  async catchUp(): Promise<number> {
    if (!this.started) await this.start();
    for (;;) {
      const pass = await this.project();
      if (pass.events < this.eventsPerPass) return this.seq;
    }
  }

  /** One pass: at most eventsPerPass events read, folded and written with the mark in one transaction. */
  async project(): Promise<PgPass> {
    if (!this.started) await this.start();
    const events = await this.store.eventsAfter(this.seq, this.eventsPerPass);
    if (events.length === 0) return { events: 0, rows: 0, seq: this.seq };
    const last = events[events.length - 1].seq;
    const folded = await this.foldPass(events, last);
    const rows = new PassRows(this.ctx);
    for (const d of folded.dossiers.values()) rows.dossier(d.prev, d.next, this.extras(d.next));
    for (const t of folded.tasks.values()) rows.task(t);
    const from = this.seq;
    try {
      await this.store.writePass(rows.writes(), from, last);
    } catch (err) {
      // Whatever failed, the cached states may be ahead of the rows: read them again.
      this.forget();
      if (err instanceof MarkMoved) this.seq = await this.store.projectedSeq();
      throw err;
    }
    // As projector.ts: a finished dossier is rarely heard of again, its row is read back then.
    for (const [id, d] of folded.dossiers) {
      if (d.next.endAt === null) this.dossiers.set(id, d.next);
      else this.dossiers.delete(id);
    }
    for (const [id, t] of folded.tasks) this.tasks.set(id, t);
    this.seq = last;
    return { events: events.length, rows: rows.rowCount, seq: last };
  }

  /** Drops the cached states (after a failed pass, or when the rows were written by someone else). */
  forget(): void {
    this.dossiers.clear();
    this.tasks.clear();
  }

  /**
   * Folds the pass's events per item: onto its cached state or its row (read for all of them at once),
   * and for a late event from its logged events (read for the items that need them, then the pass is
   * folded again from the same states: rare, a late event is).
   */
  private async foldPass(events: readonly PassEvent[], last: number) {
    const rowStates = await this.readRows(events);
    const logs = new Map<string, { seq: number; payload: string }[]>();
    for (;;) {
      try {
        return this.fold(events, rowStates, logs);
      } catch (err) {
        if (!(err instanceof NeedsLog)) throw err;
        const needed = new Set<string>([err.key]);
        // Every late item of the pass at once: fold the rest with a stub that records them.
        this.fold(events, rowStates, logs, needed);
        this.refolds += needed.size;
        for (const kind of ['dossier', 'task'] as const) {
          const ids = [...needed].filter((k) => k.startsWith(itemKey(kind, ''))).map((k) => k.slice(2));
          for (const [id, list] of await this.store.logs(kind, ids, last)) logs.set(itemKey(kind, id), list);
        }
        for (const key of needed) if (!logs.has(key)) logs.set(key, []);
      }
    }
  }

  /** The states the rows hold of the pass's items the cache does not have. */
  private async readRows(events: readonly PassEvent[]): Promise<Map<string, DossierState | TaskState>> {
    const ids = { dossier: new Set<string>(), task: new Set<string>() };
    for (const e of events) {
      const cached = e.kind === 'dossier' ? this.dossiers.get(e.itemId) : this.tasks.get(e.itemId);
      if (cached === undefined) ids[e.kind].add(e.itemId);
    }
    const out = new Map<string, DossierState | TaskState>();
    for (const kind of ['dossier', 'task'] as const) {
      for (const [id, state] of await this.store.states(kind, [...ids[kind]])) out.set(itemKey(kind, id), state);
    }
    return out;
  }

  /**
   * The pass's fold (projector.ts fold): `prev` as the rows hold it, `next` after the pass. With
   * `needed`, a late item without its log is recorded there instead of thrown, and its fold skipped.
   */
  private fold(
    events: readonly PassEvent[],
    rowStates: ReadonlyMap<string, DossierState | TaskState>,
    logs: ReadonlyMap<string, { seq: number; payload: string }[]>,
    needed?: Set<string>,
  ) {
    const { ctx } = this;
    const dossiers = new Map<string, { prev: DossierState | null; next: DossierState }>();
    const tasks = new Map<string, TaskState>();
    const logged =
      <T>(key: string, seq: number, parse: (payload: string) => T) =>
      (): T[] => {
        const list = logs.get(key);
        if (list === undefined) throw new NeedsLog(key);
        return list.filter((e) => e.seq <= seq).map((e) => parse(e.payload));
      };
    for (const ev of events) {
      const id = ev.itemId;
      const key = itemKey(ev.kind, id);
      if (needed?.has(key)) continue;
      try {
        if (ev.kind === 'dossier') {
          const e: DossierEvent = parseLoggedDossierEvent(ev.payload);
          const log = logged(key, ev.seq, parseLoggedDossierEvent);
          const d = dossiers.get(id);
          if (d) d.next = advanceOwnedDossier(d.next, e, ctx, log);
          else {
            const prev = this.dossiers.get(id) ?? (rowStates.get(key) as DossierState | undefined) ?? null;
            dossiers.set(id, { prev, next: advanceDossier(prev, e, ctx, log) });
          }
        } else {
          const e: TaskEvent = parseLoggedTaskEvent(ev.payload);
          // (A task's row is written whole: only its state after the pass matters.)
          const prev = tasks.get(id) ?? this.tasks.get(id) ?? (rowStates.get(key) as TaskState | undefined) ?? null;
          tasks.set(id, advanceTask(prev, e, logged(key, ev.seq, parseLoggedTaskEvent)));
        }
      } catch (err) {
        if (!(err instanceof NeedsLog) || !needed) throw err;
        needed.add(key);
        dossiers.delete(id);
        tasks.delete(id);
      }
    }
    return { dossiers, tasks };
  }
}
