/**
 * The projection writer's store on PostgreSQL (issue 17, slice 2): what server/projection/pg-projector.ts
 * reads of the log and the rows, and writes as one pass, and what the metrics' restore reads at a start
 * (projection/pg-restore.ts). The rows are built outside (projection/pg-rows.ts, SQLite's row
 * definition); this store only sends them.
 */
import type { FinishedGroupSink } from '../projections-repo.js';
import type { DossierState, TaskState } from '../../domain/types.js';

export type Cell = string | number | null;

/** Rows as columns (one array per column, a row per index), for one statement per table (unnest). */
export interface ColumnRows {
  readonly names: readonly string[];
  /** PostgreSQL's type of each column (the unnest's array casts). */
  readonly types: readonly string[];
  /** The first this many columns are the primary key (ON CONFLICT's target). */
  readonly keyColumns: number;
  readonly cols: Cell[][];
  readonly size: number;
}

/** One pass's writes: removals first, then the upserts in their order. */
export interface PassWrites {
  /** Dossiers whose overdue_spans rows go (their spans are rewritten). */
  spanRemovals: readonly string[];
  /** Dossiers whose buck-passing cases and parties go (rewritten). */
  caseRemovals: readonly string[];
  /** (dossier_id, idx): a dossier's holds from idx on go. */
  holdTrims: ColumnRows;
  upserts: readonly {
    table: 'dossiers' | 'holds' | 'tasks' | 'overdue_spans' | 'buck_passing_cases' | 'buck_passing_parties';
    rows: ColumnRows;
  }[];
}

/** A logged event as a pass folds it. */
export interface PassEvent {
  seq: number;
  kind: 'dossier' | 'task';
  itemId: string;
  payload: string;
}

/** Another writer moved the mark: the pass was not written. */
export class MarkMoved extends Error {
  constructor(expected: number, found: number) {
    super(`the projections' mark is at ${found}, not ${expected}: another projection writer runs on this database`);
  }
}

export interface ProjectionStore {
  /** Every event with seq up to this is in the projections. */
  projectedSeq(): Promise<number>;
  /** The log's last seq. */
  logHead(): Promise<number>;
  /** At most `limit` events after `seq`, in seq order. */
  eventsAfter(seq: number, limit: number): Promise<PassEvent[]>;
  /** The states the rows hold, by id (absent: no row). */
  states(kind: 'dossier' | 'task', ids: readonly string[]): Promise<Map<string, DossierState | TaskState>>;
  /** Items' logged events up to `maxSeq`, each in time order then arrival order, by item id. */
  logs(kind: 'dossier' | 'task', ids: readonly string[], maxSeq: number): Promise<Map<string, { seq: number; payload: string }[]>>;
  /**
   * Writes a pass and moves the mark from `from` to `to` in one transaction; rejects with MarkMoved
   * (nothing written) when the mark is not at `from`.
   */
  writePass(writes: PassWrites, from: number, to: number): Promise<void>;
  /** The restore's reads: finished dossiers as counts per group (answers the number of groups). */
  forEachFinishedGroup(sink: FinishedGroupSink): Promise<number>;
  /** Open dossiers' and every task's states, in pages. */
  openDossiers(): AsyncIterable<DossierState>;
  tasks(): AsyncIterable<TaskState>;
}
