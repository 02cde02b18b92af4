/**
 * Buck-passing (đùn đẩy) on the wire: the rules a case is found by (server/domain/buck-passing.ts,
 * DOMAIN.md "Accountability"), one case as the lists and the dossier page show it, and the list's
 * answer. Instants are ISO 8601 with +07:00. Imports nothing outside the contract.
 */
import type { Page } from './api.js';
import type { Period, ScopeKey } from './metrics.js';

/**
 * - bounce: handed back to an official who already held the dossier in the same step (A → B → A, A → B → C → A);
 * - sent_back: returned to an official of an earlier step, or to the receiving desk, with no supplement request;
 * - pass_around: more hand-overs in a row than the setting with no step completed, or more officials in one step;
 * - cross_unit: between a ward and a department, or two wards, and back, without the step being completed.
 */
export const BUCK_PASSING_RULES = ['bounce', 'sent_back', 'pass_around', 'cross_unit'] as const;
export type BuckPassingRule = (typeof BUCK_PASSING_RULES)[number];

/** Orders of the list: the most recent last hand-over first, or the most working time lost first. */
export const BUCK_PASSING_SORTS = ['recent', 'lost'] as const;
export type BuckPassingSort = (typeof BUCK_PASSING_SORTS)[number];

/** An official involved in a case. `id` and `name` are null for those who may not see officials' names. */
export interface BuckPassingOfficialView {
  id: string | null;
  name: string | null;
  /** The unit or department the official belongs to. */
  unit: string;
  unitName: string;
}

/** One case: what a list row and the dossier page show, and where its evidence is. */
export interface BuckPassingCaseView {
  /** Stable: `<dossierId>:<rule>:<index of the first hold of the case>`. */
  id: string;
  rule: BuckPassingRule;
  dossierId: string;
  /** The dossier's unit (ward, commune or department). */
  unit: string;
  unitName: string;
  procedureCode: string | null;
  procedureName: string | null;
  /** The case's holds in the dossier's hold list (0-based, inclusive): the cycle the evidence highlights. */
  holds: { first: number; last: number };
  /** The first and the last hand-over of the cycle. */
  firstHandoverAt: string;
  lastHandoverAt: string;
  /** Working hours between the first and the last hand-over, the citizen's supplement waits left out. */
  lostWorkingHours: number;
  /** Sent back and not passed forward again yet: the time lost is counted once it moves on (show that, not 0 hours). */
  ongoing: boolean;
  /** Everyone who held the dossier within the cycle, in the order they first held it. */
  officials: BuckPassingOfficialView[];
  /** The dossier page with the cycle highlighted (`/dossiers/<id>?case=<case id>`); null when the asker may not open the dossier. */
  evidence: string | null;
}

/** Cases and working hours lost, per rule, over the whole list (every page). */
export interface BuckPassingRuleTotal {
  rule: BuckPassingRule;
  cases: number;
  lostWorkingHours: number;
}

/**
 * GET /api/v1/units/:code/buck-passing, /departments/:code/buck-passing, /city/buck-passing
 * `?period=&rule=&official=&sort=recent|lost&dir=&page=&pageSize=`: the cases whose last hand-over fell
 * in the period's window; for a unit or department, those of its dossiers and those its own staff
 * were involved in (a department's staff handling steps of ward dossiers included).
 */
export interface BuckPassingListResponse extends Page<BuckPassingCaseView> {
  asOf: string;
  /** `period` is the kind (month, quarter, year for a named one); `name` the period as asked when it was named (2026-10). */
  window: { period: Period; from: string; to: string; name?: string };
  scope: ScopeKey;
  rule: BuckPassingRule | null;
  official: string | null;
  sort: BuckPassingSort;
  dir: 'asc' | 'desc';
  /** Per rule, whatever `rule` filters (the list's tabs or chips). */
  byRule: BuckPassingRuleTotal[];
  /** True when the asker may not see officials' names: their `id` and `name` are null. */
  namesHidden: boolean;
  /** The pass-around rule's settings: more than `transfers` hand-overs with no step completed, or more than `holders` officials in one step. */
  passAround: { transfers: number; holders: number };
}
