import type { Statement } from 'better-sqlite3';
import type { Db } from './connection.js';
import { sameOverdueInputs } from '../domain/overdue-spans.js';
import type { DossierState, TaskState } from '../domain/types.js';
import { createBuckPassingWrites } from './buck-passing-write.js';
import {
  STATE_COLUMNS,
  BASE_EXTRAS_COLUMNS,
  EXTRAS_BIT,
  ROW_SPAN_COLUMNS,
  SPAN_BIT,
  INDEX_BIT,
  dossierIndexBits,
  type Cell,
  stateValues,
  baseExtrasValues,
  placeSpans,
  rowSpanValues,
  sameHold,
  mapIter,
  taskRowValues,
} from './dossier-row-columns.js';
import type { DossierOutcome, FinishedDossierFacts } from '../metrics/footprint.js';

/** Columns derived from a dossier's state that the store indexes and the API filters on. */
export interface DossierRowExtras {
  open: boolean;
  /** early | on_time | late | withdrawn | paused for finished dossiers, else null. */
  outcome: string | null;
  /** Working days from receipt to end minus pauses, for finished dossiers. */
  processingDays: number | null;
  /** Now-independent metric facts of a finished dossier, else null. */
  facts: FinishedDossierFacts | null;
  /**
   * When it counts as overdue (domain/overdue-spans.ts), with the working day each span's lateness
   * began. Read by saveDossier only when the spans may have moved: it may be a getter that computes them.
   */
  overdueSpans: StoredOverdueSpan[];
}

/** An overdue span as stored: [from, to) in epoch ms (to null while open), and its working start day. */
export interface StoredOverdueSpan {
  from: number;
  to: number | null;
  workDay: number;
}

/** Receives finished dossiers' facts as counts per group (see forEachFinishedGroup). */
export interface FinishedGroupSink {
  received(code: string, day: number, online: 0 | 1, count: number): void;
  ended(code: string, day: number, outcome: DossierOutcome, processingBin: number | null, count: number): void;
  /** `apologyDays` as in FinishedDossierFacts: Vietnam day indexes, comma-separated. */
  apologies(code: string, apologyDays: string, count: number): void;
  /** `cases` buck-passing cases of finished dossiers of `code` received on `day`. */
  buckPassing?(code: string, day: number, cases: number): void;
  /** `count` finished dossiers of `code` received on `day` with these index bits, finished late (1) or not. */
  index?(code: string, day: number, bits: number, late: 0 | 1, count: number): void;
}

// Long by design: one closure holding the prepared statements (prepared once, STYLE.md) and the short
// methods that run them; each method is small, the factory's length is their sum.
/** Dossier and task projections (the fold of their events), and the holds table. */
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function createProjectionsRepo(db: Db) {
  // f_buck_passing arrived with migration 009: a repository over an older file (upgrade tests) writes without it.
  const hasBuckPassing = (db.pragma('table_info(dossiers)') as { name: string }[]).some((c) => c.name === 'f_buck_passing');
  const EXTRAS_COLUMNS = hasBuckPassing ? [...BASE_EXTRAS_COLUMNS, 'f_buck_passing'] : BASE_EXTRAS_COLUMNS;
  const extrasValues = (e: DossierRowExtras): Cell[] => {
    const values = baseExtrasValues(e);
    if (hasBuckPassing) values.push(e.facts?.buckPassingCases || null);
    return values;
  };
  // index_bits arrived with migration 015: likewise.
  const hasIndexBits = (db.pragma('table_info(dossiers)') as { name: string }[]).some((c) => c.name === 'index_bits');
  const indexColumns = hasIndexBits ? ['index_bits'] : [];
  const getDossier = db.prepare('SELECT state FROM dossiers WHERE id = ?').pluck();
  // A file older than migration 012 (upgrade tests) has no span columns: all its spans go to overdue_spans.
  const rowSpans = db.prepare(`SELECT 1 FROM pragma_table_info('dossiers') WHERE name = 'overdue_from'`).pluck().get() === 1;
  const spanColumns = rowSpans ? ROW_SPAN_COLUMNS : [];
  const place = (unit: string | null, endAt: number | null, list: readonly StoredOverdueSpan[]) => placeSpans(unit, endAt, list, rowSpans);
  // Positional parameters throughout: binding by name costs a property lookup per parameter per row.
  const insertColumns = ['id', ...STATE_COLUMNS, ...EXTRAS_COLUMNS, ...spanColumns, ...indexColumns, 'state'];
  const insertDossier = db.prepare(
    `INSERT INTO dossiers (${insertColumns.join(', ')}) VALUES (${insertColumns.map(() => '?').join(', ')})`,
  );
  // UPDATEs set only the columns that changed (bit i of the mask: STATE_COLUMNS[i]; EXTRAS_BIT: every
  // extras column; SPAN_BIT: the row's overdue span), so an event that moves no indexed column (most
  // of them: an assignment, a supplement) rewrites the row but none of its indexes.
  const updates = new Map<number, ReturnType<Db['prepare']>>();
  const updateStatement = (mask: number) => {
    let st = updates.get(mask);
    if (!st) {
      const cols = [
        ...STATE_COLUMNS.filter((_, i) => mask & (1 << i)),
        ...(mask & EXTRAS_BIT ? EXTRAS_COLUMNS : []),
        ...(mask & SPAN_BIT ? ROW_SPAN_COLUMNS : []),
        ...(mask & INDEX_BIT ? ['index_bits'] : []),
        'state',
      ];
      st = db.prepare(`UPDATE dossiers SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
      updates.set(mask, st);
    }
    return st;
  };
  const upsertHold = db.prepare(
    `INSERT INTO holds (dossier_id, idx, unit, handler_id, handler_name, handler_unit, from_at, to_at, step_due_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dossier_id, idx) DO UPDATE SET unit = excluded.unit, handler_id = excluded.handler_id,
       handler_name = excluded.handler_name, handler_unit = excluded.handler_unit, from_at = excluded.from_at,
       to_at = excluded.to_at, step_due_at = excluded.step_due_at`,
  );
  const trimHolds = db.prepare('DELETE FROM holds WHERE dossier_id = ? AND idx >= ?');
  // Prepared on first use: a repository over a file older than migration 008 (or 012, for the row's
  // span) works until it writes spans.
  let spanStatementsOnce: { insert: Statement<unknown[]>; remove: Statement<unknown[]> } | null = null;
  const spanStatements = () =>
    (spanStatementsOnce ??= {
      insert: db.prepare(
        'INSERT OR REPLACE INTO overdue_spans (dossier_id, idx, unit, from_at, to_at, work_day) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      remove: db.prepare('DELETE FROM overdue_spans WHERE dossier_id = ?'),
    });
  let setRowSpanOnce: Statement<unknown[]> | null = null;
  const setRowSpan = (id: string, row: StoredOverdueSpan) =>
    (setRowSpanOnce ??= db.prepare('UPDATE dossiers SET overdue_from = ?, overdue_work_day = ? WHERE id = ?')).run(
      row.from,
      row.workDay,
      id,
    );
  const writeSpans = (id: string, unit: string | null, list: readonly StoredOverdueSpan[]) => {
    if (unit === null || list.length === 0) return;
    list.forEach((sp, i) => spanStatements().insert.run(id, i, unit, sp.from, sp.to, sp.workDay));
  };
  const buckPassing = createBuckPassingWrites(db);
  const getTask = db.prepare('SELECT state FROM tasks WHERE id = ?').pluck();
  const upsertTask = db.prepare(
    `INSERT INTO tasks (id, assignee, title, assigned_at, due_at, completed_at, status, extensions, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET assignee = excluded.assignee, title = excluded.title,
       assigned_at = excluded.assigned_at, due_at = excluded.due_at, completed_at = excluded.completed_at,
       status = excluded.status, extensions = excluded.extensions, state = excluded.state`,
  );
  const openDossiers = db.prepare('SELECT state FROM dossiers WHERE open = 1').pluck();
  // Finished dossiers as counts per group, each read from its partial index in group order (migration 004).
  const finishedWhere = 'open = 0 AND f_end_day IS NOT NULL';
  const finishedReceived = db
    .prepare(`SELECT unit, f_received_day, f_online, COUNT(*) FROM dossiers WHERE ${finishedWhere} GROUP BY unit, f_received_day, f_online`)
    .raw();
  const finishedEnded = db
    .prepare(
      `SELECT unit, f_end_day, outcome, f_bin, COUNT(*) FROM dossiers WHERE ${finishedWhere} GROUP BY unit, f_end_day, outcome, f_bin`,
    )
    .raw();
  const finishedApologies = db
    .prepare(
      `SELECT unit, f_apology_days, COUNT(*) FROM dossiers WHERE ${finishedWhere} AND f_apology_days IS NOT NULL
       GROUP BY unit, f_apology_days`,
    )
    .raw();
  // From its partial index (migration 015), in group order.
  const finishedIndex = hasIndexBits
    ? db
        .prepare(
          `SELECT unit, f_received_day, index_bits, outcome = 'late', COUNT(*) FROM dossiers
           WHERE ${finishedWhere} AND index_bits != 0 GROUP BY unit, f_received_day, index_bits, outcome`,
        )
        .raw()
    : null;
  const getProjectedSeq = db.prepare(`SELECT value FROM meta WHERE key = 'projections.seq'`).pluck();
  const setProjectedSeq = db.prepare(
    `INSERT INTO meta (key, value) VALUES ('projections.seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  const allTasks = db.prepare('SELECT state FROM tasks').pluck();
  const dossiersAfter = db.prepare('SELECT id, state FROM dossiers WHERE id > ? ORDER BY id LIMIT ?').raw();
  const getBackfill = db.prepare(`SELECT value FROM meta WHERE key = 'overdue_spans.backfill'`).pluck();
  const setBackfill = db.prepare(
    `INSERT INTO meta (key, value) VALUES ('overdue_spans.backfill', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  const counts = db.prepare('SELECT (SELECT COUNT(*) FROM dossiers) AS dossiers, (SELECT COUNT(*) FROM tasks) AS tasks');

  return {
    getDossier(id: string): DossierState | null {
      const s = getDossier.get(id) as string | undefined;
      return s ? (JSON.parse(s) as DossierState) : null;
    },
    /**
     * Writes the dossier row (`prev` null: a new row; else only the columns that changed) and only the
     * holds that changed since `prev`.
     */
    saveDossier(prev: DossierState | null, next: DossierState, extras: DossierRowExtras): void {
      const values = stateValues(next);
      const state = JSON.stringify(next);
      const unitChanged = prev?.unit !== next.unit;
      // Spans move only with receipt, due dates, supplements and the end: most events leave them be.
      const spans =
        prev === null || unitChanged || !sameOverdueInputs(prev, next) ? place(next.unit, next.endAt, extras.overdueSpans) : null;
      const bits = hasIndexBits ? dossierIndexBits(next) : 0;
      if (prev === null) {
        const indexValues = hasIndexBits ? [bits] : [];
        insertDossier.run([
          next.id,
          ...values,
          ...extrasValues(extras),
          ...(rowSpans ? rowSpanValues(spans?.row ?? null) : []),
          ...indexValues,
          state,
        ]);
      } else {
        const before = stateValues(prev);
        const args: Cell[] = [];
        let mask = 0;
        for (let i = 0; i < values.length; i++) {
          if (before[i] !== values[i]) {
            mask |= 1 << i;
            args.push(values[i]);
          }
        }
        // Extras follow the end of processing; a finished row is rewritten whole (rare: ratings, late returns).
        if (prev.endAt !== next.endAt || prev.endKind !== next.endKind || next.endAt !== null) {
          mask |= EXTRAS_BIT;
          args.push(...extrasValues(extras));
        }
        if (spans !== null && rowSpans) {
          mask |= SPAN_BIT;
          args.push(...rowSpanValues(spans.row));
        }
        if (hasIndexBits && bits !== dossierIndexBits(prev)) {
          mask |= INDEX_BIT;
          args.push(bits);
        }
        args.push(state, next.id);
        updateStatement(mask).run(args);
      }
      const before = prev?.holds ?? [];
      next.holds.forEach((h, i) => {
        if (!unitChanged && sameHold(before[i], h)) return;
        upsertHold.run(next.id, i, next.unit, h.handlerId, h.handlerName, h.handlerUnit, h.from, h.to, h.stepDueAt);
      });
      if (before.length > next.holds.length) trimHolds.run(next.id, next.holds.length);
      if (spans !== null) {
        // (Also when they go to the row now: a row written before migration 012 kept them here.)
        if (prev !== null) spanStatements().remove.run(next.id);
        writeSpans(next.id, next.unit, spans.table);
      }
    },
    /** Stores the spans of a dossier row that has none stored yet (the backfill of migration 008). */
    writeOverdueSpans(state: DossierState, list: readonly StoredOverdueSpan[]): void {
      const { row, table } = place(state.unit, state.endAt, list);
      if (row !== null) setRowSpan(state.id, row);
      writeSpans(state.id, state.unit, table);
    },
    getTask(id: string): TaskState | null {
      const s = getTask.get(id) as string | undefined;
      return s ? (JSON.parse(s) as TaskState) : null;
    },
    saveTask(next: TaskState): void {
      upsertTask.run(...taskRowValues(next));
    },
    iterateOpenDossiers(): IterableIterator<DossierState> {
      return mapIter(openDossiers.iterate() as IterableIterator<string>, (s) => JSON.parse(s) as DossierState);
    },
    /**
     * Restart: the facts of every finished dossier as counts per group, so millions of rows reach the
     * caller as thousands of calls: receipts per (unit, day, online), ends per (unit, day, outcome,
     * processing bin), apology days per (unit, encoded days). Answers the number of groups.
     */
    forEachFinishedGroup(sink: FinishedGroupSink): number {
      let n = 0;
      for (const r of finishedReceived.iterate() as IterableIterator<[string, number, 0 | 1, number]>) {
        sink.received(r[0], r[1], r[2], r[3]);
        n++;
      }
      for (const r of finishedEnded.iterate() as IterableIterator<[string, number, DossierOutcome, number | null, number]>) {
        sink.ended(r[0], r[1], r[2], r[3], r[4]);
        n++;
      }
      for (const r of finishedApologies.iterate() as IterableIterator<[string, string, number]>) {
        sink.apologies(r[0], r[1], r[2]);
        n++;
      }
      if (finishedIndex !== null && sink.index) {
        for (const r of finishedIndex.iterate() as IterableIterator<[string, number, number, 0 | 1, number]>) {
          sink.index(r[0], r[1], r[2], r[3], r[4]);
          n++;
        }
      }
      if (hasBuckPassing && sink.buckPassing) {
        for (const r of buckPassing.finishedByDay()) {
          sink.buckPassing(r[0], r[1], r[2]);
          n++;
        }
      }
      return n;
    },
    /** Every event with seq up to this is folded into the projections (migration 004). */
    projectedSeq(): number {
      return Number(getProjectedSeq.get() ?? 0);
    },
    setProjectedSeq(seq: number): void {
      setProjectedSeq.run(String(seq));
    },
    /** Dossiers in id order after `afterId`, at most `limit` of them (for batched passes over every row). */
    dossiersAfter(afterId: string, limit: number): DossierState[] {
      return (dossiersAfter.all(afterId, limit) as [string, string][]).map((r) => JSON.parse(r[1]) as DossierState);
    },
    /** Where the overdue-span backfill of rows older than migration 008 stands: null when none is due. */
    overdueBackfillFrom(): string | null {
      const v = getBackfill.get() as string | undefined;
      if (v === undefined || v === 'done') return null;
      return v === 'pending' ? '' : v.slice('after:'.length);
    },
    setOverdueBackfill(afterId: string | null): void {
      setBackfill.run(afterId === null ? 'done' : `after:${afterId}`);
    },
    ...buckPassing.writes,
    iterateTasks(): IterableIterator<TaskState> {
      return mapIter(allTasks.iterate() as IterableIterator<string>, (s) => JSON.parse(s) as TaskState);
    },
    counts(): { dossiers: number; tasks: number } {
      return counts.get() as { dossiers: number; tasks: number };
    },
  };
}

export type ProjectionsRepo = ReturnType<typeof createProjectionsRepo>;
