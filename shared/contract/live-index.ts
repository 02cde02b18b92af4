/**
 * The national service index on the live channel: a scope's headline figures for the current month,
 * quarter and year, pushed in `metrics:updated` when they change (events.ts). The same figures as an
 * IndexRow's (GET /api/v1/index, /units/:code/index) for the current period. Imports contract types only.
 */
import type { IndexGrade } from './service-index.js';

/** The calendar periods the index is computed for; the live channel carries the current ones. */
export const INDEX_KINDS = ['month', 'quarter', 'year'] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/** A scope's index headline for one current period (IndexRow's fields of the same names). */
export interface IndexFigure {
  /** Null when the period has nothing to judge yet (no dossier). */
  total: number | null;
  grade: IndexGrade | null;
  computedPoints: number;
  computedMax: number;
}

/** Per scope (ScopeKey), the current periods whose figure changed, with the new figure. */
export type IndexFigureChanges = Record<string, Partial<Record<IndexKind, IndexFigure>>>;
