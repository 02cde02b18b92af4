/**
 * The dossier and task lists and one item's page, engine-neutral and asynchronous (issue 17, slice 3):
 * a page of a list with its total, one dossier's or task's state, the unit it belongs to (for the
 * access check before it is read), its events (the timeline), and the queries of a unit's detail tables. Two engines: SQLite (the read
 * repository wrapped, sqlite-item-store.ts) and PostgreSQL (pg-item-store.ts);
 * tests/server/db/item-store.shared.ts proves they answer alike.
 */
import type { DossierState, TaskState } from '../../domain/types.js';
import type { EventKind, StoredEvent } from '../events-repo.js';
import type { DossierPageQuery, ReadRepo, TaskPageQuery } from '../read-repo.js';

export type { DossierPageQuery, EventKind, StoredEvent, TaskPageQuery };

/** The read-side queries a unit page is computed from (read-repo.ts; PostgreSQL: pg-detail-reads.ts), as http/unit-detail.ts computes on them. */
export const UNIT_DETAIL_READS = [
  'finishedProcessing',
  'byField',
  'byProcedure',
  'breakdowns',
  'holds',
  'officialTotals',
  'buckPassingByOfficial',
  'dailyFlows',
  'overdueSpans',
  'processingHistogram',
] as const satisfies readonly (keyof ReadRepo)[];
export type UnitDetailReads = Pick<ReadRepo, (typeof UNIT_DETAIL_READS)[number]>;
/** The same queries answering promises (another engine's, or SQLite's wrapped). */
export type AsyncUnitDetailReads = {
  [K in keyof UnitDetailReads]: (...a: Parameters<UnitDetailReads[K]>) => Promise<ReturnType<UnitDetailReads[K]>>;
};

export interface ItemPage<T> {
  total: number;
  items: T[];
}

export interface ItemStore {
  readonly engine: 'sqlite' | 'postgres';
  /** A page of a unit's (a province's, the city's) dossiers under a status filter or an index drill, with the total. */
  dossierPage(q: DossierPageQuery): Promise<ItemPage<DossierState>>;
  /** A page of a unit's (a province's, the city's) tasks under a status filter, with the total. */
  taskPage(q: TaskPageQuery): Promise<ItemPage<TaskState>>;
  /** One dossier's projection, or null. */
  dossier(id: string): Promise<DossierState | null>;
  /** One task's projection, or null. */
  task(id: string): Promise<TaskState | null>;
  /** The unit a dossier belongs to (undefined: no such dossier; null: not received yet). */
  dossierUnit(id: string): Promise<string | null | undefined>;
  /** The unit or department a task is assigned to (undefined: no such task). */
  taskAssignee(id: string): Promise<string | null | undefined>;
  /** One item's logged events in time order, then arrival order (its page's timeline). */
  itemEvents(kind: EventKind, id: string): Promise<StoredEvent[]>;
  /** The queries of a unit's (a province's, the city's) detail tables: breakdowns, officials' holds, trend, histogram. */
  unitDetail: AsyncUnitDetailReads;
  close(): Promise<void>;
}
