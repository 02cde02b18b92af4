/**
 * A pass's projection rows for PostgreSQL (issue 17, slice 2), as column arrays that the projection
 * store writes with one statement per table (db/projection-store: INSERT … SELECT FROM unnest(…) ON CONFLICT).
 *
 * The row is SQLite's (projections-repo.ts saveDossier, saveTask, buck-passing-write.ts): the same value
 * functions (dossier-row-columns.ts), the same rules for what a changed dossier rewrites (the holds that
 * differ from `prev`, all of them when the unit moved; the overdue spans only when their inputs moved;
 * the buck-passing cases only when buckPassingRowsChange says so). Only how they reach the database differs.
 */
import { sameOverdueInputs } from '../domain/overdue-spans.js';
import type { DossierState, TaskState } from '../domain/types.js';
import type { DossierContext } from '../domain/dossier.js';
import type { DossierRowExtras } from '../db/projections-repo.js';
import {
  BASE_EXTRAS_COLUMNS,
  ROW_SPAN_COLUMNS,
  STATE_COLUMNS,
  baseExtrasValues,
  dossierIndexBits,
  placeSpans,
  rowSpanValues,
  sameHold,
  stateValues,
  taskRowValues,
  type Cell,
} from '../db/dossier-row-columns.js';
import type { ColumnRows, PassWrites } from '../db/projection-store/contract.js';
import { buckPassingRowsChange } from './buck-passing-rows.js';

/** PostgreSQL's type of every dossiers column the writer sets (pg-migrations/003_items.sql). */
const DOSSIER_TYPES: Record<string, string> = {
  id: 'text',
  unit: 'text',
  procedure_code: 'text',
  procedure_name: 'text',
  field: 'text',
  channel: 'text',
  received_at: 'bigint',
  due_at: 'bigint',
  end_at: 'bigint',
  bucket: 'text',
  supplement_requests: 'int',
  apologies: 'int',
  holder_id: 'text',
  holder_name: 'text',
  open: 'int',
  processing_days: 'float8',
  outcome: 'text',
  f_received_day: 'int',
  f_online: 'int',
  f_end_day: 'int',
  f_bin: 'int',
  f_apology_days: 'text',
  f_buck_passing: 'int',
  overdue_from: 'bigint',
  overdue_work_day: 'int',
  index_bits: 'int',
  state: 'text',
};
const EXTRAS_COLUMNS = [...BASE_EXTRAS_COLUMNS, 'f_buck_passing'];
/** A dossier row without its overdue span: what a write that leaves the spans be sets. */
const CORE_COLUMNS = ['id', ...STATE_COLUMNS, ...EXTRAS_COLUMNS, 'index_bits', 'state'];
/** And with it: a new row, or one whose spans moved. */
const SPAN_COLUMNS = [...CORE_COLUMNS.slice(0, -1), ...ROW_SPAN_COLUMNS, 'state'];

const HOLD_COLUMNS = ['dossier_id', 'idx', 'unit', 'handler_id', 'handler_name', 'handler_unit', 'from_at', 'to_at', 'step_due_at'];
const HOLD_TYPES = ['text', 'int', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'bigint'];
const SPAN_ROW_COLUMNS = ['dossier_id', 'idx', 'unit', 'from_at', 'to_at', 'work_day'];
const SPAN_ROW_TYPES = ['text', 'int', 'text', 'bigint', 'bigint', 'int'];
const TASK_COLUMNS = ['id', 'assignee', 'title', 'assigned_at', 'due_at', 'completed_at', 'status', 'extensions', 'state'];
const TASK_TYPES = ['text', 'text', 'text', 'bigint', 'bigint', 'bigint', 'text', 'int', 'text'];
const CASE_COLUMNS = [
  'dossier_id',
  'rule',
  'first_hold',
  'last_hold',
  'unit',
  'received_at',
  'first_at',
  'last_at',
  'lost_ms',
  'ongoing',
  'officials',
];
const CASE_TYPES = ['text', 'text', 'int', 'int', 'text', 'bigint', 'bigint', 'bigint', 'bigint', 'int', 'text'];
const PARTY_COLUMNS = ['dossier_id', 'rule', 'first_hold', 'handler_id', 'handler_unit', 'last_at'];
const PARTY_TYPES = ['text', 'text', 'int', 'text', 'text', 'bigint'];

/**
 * Rows as columns: one array per column, a row per index. `key` (its first `keyColumns` cells) keeps
 * one row per primary key, the last one added, as SQLite's INSERT OR REPLACE would (a multi-row
 * ON CONFLICT DO UPDATE may not touch a row twice).
 */
class Columns implements ColumnRows {
  readonly cols: Cell[][];
  private readonly at = new Map<string, number>();
  constructor(
    readonly names: readonly string[],
    readonly types: readonly string[],
    readonly keyColumns: number,
  ) {
    this.cols = names.map(() => []);
  }

  get size(): number {
    return this.cols[0].length;
  }

  add(row: readonly Cell[]): void {
    const key = row
      .slice(0, this.keyColumns)
      .map((c) => String(c))
      .join('\u0000');
    const i = this.at.get(key);
    if (i !== undefined) {
      row.forEach((c, j) => (this.cols[j][i] = c));
      return;
    }
    this.at.set(key, this.size);
    row.forEach((c, j) => this.cols[j].push(c));
  }
}

/** One pass's writes, table by table; `write` sends them in one statement each. */
export class PassRows {
  private readonly withSpans = new Columns(
    SPAN_COLUMNS,
    SPAN_COLUMNS.map((c) => DOSSIER_TYPES[c]),
    1,
  );
  private readonly withoutSpans = new Columns(
    CORE_COLUMNS,
    CORE_COLUMNS.map((c) => DOSSIER_TYPES[c]),
    1,
  );
  private readonly holds = new Columns(HOLD_COLUMNS, HOLD_TYPES, 2);
  /** (dossier id, first index to delete). */
  private readonly holdTrims = new Columns(['dossier_id', 'idx'], ['text', 'int'], 1);
  private readonly spanRemovals: string[] = [];
  private readonly spans = new Columns(SPAN_ROW_COLUMNS, SPAN_ROW_TYPES, 2);
  private readonly caseRemovals: string[] = [];
  private readonly cases = new Columns(CASE_COLUMNS, CASE_TYPES, 3);
  private readonly parties = new Columns(PARTY_COLUMNS, PARTY_TYPES, 4);
  private readonly tasks = new Columns(TASK_COLUMNS, TASK_TYPES, 1);

  constructor(private readonly ctx: DossierContext) {}

  /** A dossier's rows from `prev` (as its rows hold it; null: none yet) to `next` (saveDossier's rules). */
  dossier(prev: DossierState | null, next: DossierState, extras: DossierRowExtras): void {
    const unitChanged = prev?.unit !== next.unit;
    const spansMoved = prev === null || unitChanged || !sameOverdueInputs(prev, next);
    const core: Cell[] = [
      next.id,
      ...stateValues(next),
      ...baseExtrasValues(extras),
      extras.facts?.buckPassingCases || null,
      dossierIndexBits(next),
    ];
    const state = JSON.stringify(next);
    if (spansMoved) {
      const spans = placeSpans(next.unit, next.endAt, extras.overdueSpans, true);
      this.withSpans.add([...core, ...rowSpanValues(spans.row), state]);
      if (prev !== null) this.spanRemovals.push(next.id);
      if (next.unit !== null) spans.table.forEach((sp, i) => this.spans.add([next.id, i, next.unit, sp.from, sp.to, sp.workDay]));
    } else {
      this.withoutSpans.add([...core, state]);
    }
    const before = prev?.holds ?? [];
    next.holds.forEach((h, i) => {
      if (!unitChanged && sameHold(before[i], h)) return;
      this.holds.add([next.id, i, next.unit, h.handlerId, h.handlerName, h.handlerUnit, h.from, h.to, h.stepDueAt]);
    });
    if (before.length > next.holds.length) this.holdTrims.add([next.id, next.holds.length]);
    this.buckPassing(prev, next);
  }

  /** The case rows (buck-passing-write.ts replaceBuckPassingCases), when they changed. */
  private buckPassing(prev: DossierState | null, next: DossierState): void {
    const change = buckPassingRowsChange(prev, next, this.ctx);
    if (change === null) return;
    if (change.had) this.caseRemovals.push(next.id);
    for (const c of change.cases) {
      const officials = JSON.stringify(c.officials);
      this.cases.add([
        c.dossierId,
        c.rule,
        c.firstHold,
        c.lastHold,
        c.unit,
        next.receivedAt,
        c.firstHandoverAt,
        c.lastHandoverAt,
        c.lostWorkingMs,
        c.ongoing ? 1 : 0,
        officials,
      ]);
      for (const o of c.officials) this.parties.add([c.dossierId, c.rule, c.firstHold, o.id, o.unit, c.lastHandoverAt]);
    }
  }

  task(next: TaskState): void {
    this.tasks.add(taskRowValues(next));
  }

  /** The pass's writes for the projection store (removals first, then the rows). */
  writes(): PassWrites {
    return {
      spanRemovals: this.spanRemovals,
      caseRemovals: this.caseRemovals,
      holdTrims: this.holdTrims,
      upserts: [
        { table: 'dossiers', rows: this.withSpans },
        { table: 'dossiers', rows: this.withoutSpans },
        { table: 'holds', rows: this.holds },
        { table: 'overdue_spans', rows: this.spans },
        { table: 'buck_passing_cases', rows: this.cases },
        { table: 'buck_passing_parties', rows: this.parties },
        { table: 'tasks', rows: this.tasks },
      ],
    };
  }

  /** Rows written (dossier and task rows, holds, spans, cases, parties): for the writer's figures. */
  get rowCount(): number {
    return (
      this.withSpans.size +
      this.withoutSpans.size +
      this.holds.size +
      this.spans.size +
      this.cases.size +
      this.parties.size +
      this.tasks.size
    );
  }
}
