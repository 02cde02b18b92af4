/** The time machine's wire types (issue 16): an answer about a past instant, and how it was reached. */
import type { DossierListItem, DossierTimeliness, OverdueReason, Page, UnitDetailResponse } from './api.js';

/** `received`: the events the server had received by then (what was shown); `corrected`: every event about times up to then, received since. */
export const REPLAY_AS_OF = ['received', 'corrected'] as const;
export type ReplayAsOf = (typeof REPLAY_AS_OF)[number];

/** Fields of a live answer a replay does not give (they depend on the projections as they are now, not at T). */
export const REPLAY_OMITTED = [
  'previousCity',
  'previousCityToDate',
  'forecast',
  'lastWorkingDay',
  'previous',
  'previousToDate',
  'byField',
  'byProcedure',
  'byOfficial',
  'trend',
  'processingHistogram',
] as const;
export type ReplayOmitted = (typeof REPLAY_OMITTED)[number];

/** What marks an answer as a replay, beside the live answer's fields. */
export interface ReplayInfo {
  /** The instant replayed, ISO with +07:00. */
  at: string;
  asOf: ReplayAsOf;
  /**
   * The state is classified by the rules in force now (the working calendar and the settings loaded
   * at start), not by those of that moment: always `now`, said so that no one reads it otherwise.
   */
  rules: 'now';
  /** The stored checkpoint it was folded forward from; null when there was none before `at`. */
  checkpointAt: string | null;
  /** Dossiers and tasks folded on top of the checkpoint. */
  itemsFolded: number;
  /** When the server received its first event (ISO); null for an empty log. As received, nothing is counted before it. */
  firstArrival: string | null;
  /** Fields of the live answer a replay does not give (null or empty in the answer): always the same ones for a route. */
  omitted: ReplayOmitted[];
}

/** GET /units/:code?at= (and /departments/:code?at=): the unit page's figures at T; its tables are omitted. */
export interface UnitDetailAtResponse extends UnitDetailResponse {
  replay: ReplayInfo;
}

/**
 * GET /units/:code/dossiers?at=: the dossiers that were overdue at T, most overdue first, each with the
 * official who held it then (from the log's assignment and forwarding events up to T).
 */
export interface DossierListAtResponse extends Page<DossierListItem> {
  replay: ReplayInfo;
}

/** One scope's change between two moments: overdue dossiers at each, and B minus A. */
export interface ReplayChangeRow {
  scope: string;
  from: number;
  to: number;
  /** `to − from`: positive, more overdue dossiers at B than at A (worse). */
  change: number;
}

/**
 * GET /replay/compare?from=A&to=B&asOf=: the dossiers overdue at A and at B in every scope the asker
 * may see, the units and departments ranked by how much worse they got (largest increase first).
 */
export interface ReplayCompareResponse {
  from: string;
  to: string;
  asOf: ReplayAsOf;
  /** What `from`, `to` and `change` count: always the open dossiers past due (or overdue by the two-supplements rule). */
  metric: 'overdue';
  rules: 'now';
  city: ReplayChangeRow | null;
  /** Units and departments, largest increase first, then by scope. */
  rows: ReplayChangeRow[];
}

/** What changed the rules a replay classifies by: the working calendar (an admin's edit or a file edited by hand). */
export const REPLAY_MARK_KINDS = ['calendar'] as const;
export type ReplayMarkKind = (typeof REPLAY_MARK_KINDS)[number];

/** One change of the rules, marked on the time bar at the instant it was recorded. */
export interface ReplayMark {
  /** When the change was recorded (ISO with +07:00). */
  at: string;
  kind: ReplayMarkKind;
  /** What changed: the days edited (YYYY-MM-DD) or, for a file edited by hand, the year files. */
  what: string[];
  /** An admin's edit takes effect at the next start; a hand edit is recorded at the start that loads it. */
  appliesAfterRestart: boolean;
}

/**
 * GET /replay/marks?from=&to=: the rule changes between two instants (default: the last 35 days), oldest
 * first. A replay classifies every moment by the rules in force now, so a mark says where they differ from then.
 */
export interface ReplayMarksResponse {
  from: string;
  to: string;
  marks: ReplayMark[];
}

/**
 * A dossier at a past moment (GET /dossiers/:id?at=): its status, who held it, whether it was overdue
 * and by how many working days, classified at that moment by the rules in force now.
 */
export interface DossierStateAt {
  at: string;
  asOf: ReplayAsOf;
  rules: 'now';
  /** Null: no event of it in the set (not received yet by then, or, as corrected, nothing about a time up to then). */
  state: {
    status: string;
    bucket: string;
    timeliness: DossierTimeliness;
    daysOverdue: number;
    overdueReason: OverdueReason | null;
    dueAt: string | null;
    endAt: string | null;
    holderId: string | null;
    holderName: string | null;
    /** Events of it counted (received by then, or about a time up to then). */
    events: number;
  } | null;
}
