/** What the metrics engine is built from and what it hands back (engine.ts). */
import type { DomainSettings, DossierState, TaskState, WorkCalendar } from '../domain/types.js';
import type { DossierFootprint, TaskFootprint } from './footprint.js';
import type { ScopeKey } from './types.js';

export interface MetricsEngineDeps {
  calendar: WorkCalendar;
  settings: DomainSettings;
  /**
   * `unit:<code>` or `department:<code>` of a unit/department code; null → the item is ignored.
   * Never `city`: every counted item is in exactly one other scope, and the city is their sum
   * (a code mapped to `city` is ignored).
   */
  scopeOf: (code: string) => ScopeKey | null;
  /**
   * The province of a leaf scope in a national jurisdiction (scope-rollup.ts): its items are counted
   * there too, live; none by default (a city pack).
   */
  parentOf?: (leaf: ScopeKey) => ScopeKey | null;
  /** The clock, epoch ms. Read at construction and before each update. */
  now: () => number;
  /** Scopes to list from the start (every unit and department), before they have any data. */
  scopes?: Iterable<ScopeKey>;
}

/** An open item that just crossed its due time; the caller turns it into `alert:raised`. */
export interface Alert {
  kind: 'dossier' | 'task';
  id: string;
  /** Unit or department code. */
  code: string;
  /** When it became overdue (its due instant), epoch ms. */
  at: number;
}

/**
 * The overdue backlog at the end of a past window, from the store: dossiers overdue then, those of them
 * whose lateness began within the window (for the short periods' on-time rate), and overdue tasks.
 */
export interface OverdueAtEnd {
  dossiers: number;
  dossiersNew?: number;
  tasks: number;
}

/** An open item as the engine keeps it: its state, its footprint in the counters, when its next transition is scheduled. */
export interface DossierRecord {
  kind: 'dossier';
  id: string;
  state: DossierState;
  fp: DossierFootprint;
  scheduledAt: number;
  live: boolean;
}

export interface TaskRecord {
  kind: 'task';
  id: string;
  state: TaskState;
  fp: TaskFootprint;
  scheduledAt: number;
  live: boolean;
}

export type OpenRecord = DossierRecord | TaskRecord;

/**
 * What MetricsEngine.applyDossier took away (null: nothing held) and added, as footprints: a finished
 * dossier's footprint does not depend on the present, so its facts are the time machine's too.
 */
export interface AppliedFootprints {
  prev: DossierFootprint | null;
  next: DossierFootprint;
}
