/**
 * The drill from a service index count to the dossiers behind it: a dossier list (GET
 * /units/:code/dossiers, /departments/:code/dossiers, /units/city/dossiers) asked with
 * `indicator=<id>&side=numerator|denominator&period=<month|quarter|year|2026-11|2026-Q3|2026>` lists
 * exactly the dossiers counted in that side of the indicator for that scope and period; its `total`
 * is the count GET …/index shows. Pure: this file imports only types.
 */
import type { DossierListItem, Page } from './api.js';
import type { IndexWindow, IndicatorId } from './service-index.js';

/** The two sides of an indicator's ratio: the dossiers counted above the line, and below it. */
export const INDEX_DRILL_SIDES = ['numerator', 'denominator'] as const;
export type IndexDrillSide = (typeof INDEX_DRILL_SIDES)[number];

/** What a drilled list shows: one side of one indicator, over one period. */
export interface IndexDrill {
  indicator: IndicatorId;
  side: IndexDrillSide;
  window: IndexWindow;
}

/** A dossier list; `drill` is set when it was asked for the dossiers behind an index count. */
export interface DossierDrillPage extends Page<DossierListItem> {
  drill?: IndexDrill;
}
