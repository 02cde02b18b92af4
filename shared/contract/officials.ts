/**
 * The officials' pages on the wire (GET /api/v1/officials, GET /api/v1/officials/:id): each handling
 * official's scorecard over a period, their weekly trend and what they hold now. Instants are ISO 8601
 * with +07:00; durations are working hours (office hours of the working calendar). Imports nothing
 * outside the contract.
 */
import type { DossierTimeliness } from './api.js';
import type { BuckPassingRule } from './buck-passing.js';
import type { Period } from './metrics.js';
import type { RequestView } from './requests.js';

/**
 * One official's figures over a period. A step is one hold of a dossier by one official, from the
 * hand-over to them until the next hand-over or the end of processing. Held time leaves out the time
 * the dossier waited for the citizen's supplement; the allotted time is from the hand-over to the
 * step's due time (`stepDueAt`) the source sent.
 */
export interface OfficialScorecard {
  /** Steps finished in the period. */
  stepsDone: number;
  /** Of those, steps with an allotted time. */
  stepsTimed: number;
  /** Of those, finished within their allotted time. */
  stepsWithin: number;
  /** stepsWithin ÷ stepsTimed; null when no step with an allotted time finished. */
  withinShare: number | null;
  /**
   * Working hours held beyond the allotted time during the period, by every step: those finished and
   * those still held (a step late for three weeks adds its hours to each of those weeks).
   */
  beyondHours: number;
  /** Steps held beyond their allotted time during the period. */
  stepsBeyond: number;
  /** Median of those steps' hours beyond allotted time in the period; null when none. */
  beyondHoursMedian: number | null;
  /** Median working hours held, of the steps finished in the period; null when none. */
  heldHoursMedian: number | null;
  /** Dossiers held now (open). */
  holdingNow: number;
  /** Of those, overdue now (the dossier, by its due date in force). */
  overdueHeldNow: number;
  /**
   * Buck-passing cases (server/domain/buck-passing.ts) this official was a party to whose last
   * hand-over fell in the period: the total of `GET /city/buck-passing?official=<id>&period=`.
   */
  buckPassingCases: number;
  /** Reminders sent in the period while this official held the dossier (the holder stored when sent). */
  reminders: number;
  /** Explanation requests sent in the period while this official held the dossier (about it, or a case of it). */
  explanationRequests: number;
}

/** Who an official is: their handler id in the source systems, name, and the unit or department they work for. */
export interface OfficialIdentity {
  id: string;
  name: string;
  /** Unit or department code (the handler's own unit, not the dossier's). */
  unit: string;
  unitName: string;
  /** Whether `unit` is a ward/commune/special zone or a department (sở, ban, ngành). */
  unitKind: 'unit' | 'department';
}

export interface OfficialListRow extends OfficialIdentity, OfficialScorecard {}

/** Sort keys of the officials list: the page's columns. */
export const OFFICIAL_LIST_SORT_KEYS = [
  'name',
  'unit',
  'stepsDone',
  'withinShare',
  'beyondHours',
  'beyondHoursMedian',
  'overdueHeldNow',
  'holdingNow',
  'buckPassingCases',
  'reminders',
  'explanationRequests',
] as const;
export type OfficialListSortKey = (typeof OFFICIAL_LIST_SORT_KEYS)[number];

/** GET /api/v1/officials?period=&unit=|department=&field=&q=&sort=&dir=&page=&pageSize= */
export interface OfficialsResponse {
  /** When the figures were computed (city time); they are shared for up to a minute. */
  asOf: string;
  /** Seconds between the computation and this answer. */
  ageSeconds: number;
  /** `period` is the kind (month, quarter, year for a named one); `name` the period as asked when it was named (2026-10). */
  window: { period: Period; from: string; to: string; name?: string };
  /** The filters in force: unit or department code (of the officials' own unit), field, name search. */
  filter: { unit: string | null; department: string | null; field: string | null; q: string | null };
  sort: OfficialListSortKey;
  dir: 'asc' | 'desc';
  total: number;
  page: number;
  pageSize: number;
  items: OfficialListRow[];
  /** Fields (lĩnh vực) of the dossiers of the listed scope's steps in the period, for the field filter. */
  fields: string[];
}

/** One working week (Monday–Sunday, Vietnam time) of an official's trend. */
export interface OfficialWeek {
  /** The Monday, YYYY-MM-DD. */
  weekStart: string;
  stepsDone: number;
  stepsTimed: number;
  stepsWithin: number;
  withinShare: number | null;
  beyondHours: number;
}

/** A dossier an official holds now, with the step's time held against its allotted time. */
export interface OfficialHolding {
  dossierId: string;
  /** The dossier's unit (which may differ from the official's own: inter-level steps, liên thông). */
  unit: string;
  unitName: string;
  procedureName: string;
  field: string;
  /** When it was handed to this official. */
  heldSince: string;
  stepDueAt: string | null;
  /** Working hours held so far (supplement waits left out). */
  heldHours: number;
  /** Working hours allotted to the step; null without a step due time. */
  allottedHours: number | null;
  /** Working hours held beyond the allotted time (0 when within). */
  beyondHours: number;
  /** The dossier's due date in force. */
  dueAt: string | null;
  timeliness: DossierTimeliness;
  /** Working days past the dossier's due date (0 unless overdue). */
  daysOverdue: number;
  /** Whether the asker may open the dossier's page (another unit's dossier held by their staff: not). */
  canOpen: boolean;
}

/** A step an official finished in the period, or held beyond its allotted time during it. */
export interface OfficialStep {
  dossierId: string;
  unit: string;
  from: string;
  /** null while still held. */
  to: string | null;
  stepDueAt: string | null;
  heldHours: number;
  allottedHours: number | null;
  /** Hours beyond the allotted time within the period. */
  beyondHoursInPeriod: number;
  /** Finished in the period (false: still held, or finished after it). */
  done: boolean;
  /** Finished within the allotted time; null without an allotted time or when not finished. */
  within: boolean | null;
  /** The buck-passing cases whose cycle holds this step (their id opens the dossier's timeline with it highlighted). */
  cases: { id: string; rule: BuckPassingRule }[];
  canOpen: boolean;
}

/** GET /api/v1/officials/:id?period= */
export interface OfficialDetailResponse {
  asOf: string;
  /** `period` is the kind (month, quarter, year for a named one); `name` the period as asked when it was named (2026-10). */
  window: { period: Period; from: string; to: string; name?: string };
  official: OfficialIdentity;
  scorecard: OfficialScorecard;
  /** The last 12 working weeks, oldest first; the last one is the current week (so far). */
  weeks: OfficialWeek[];
  /** Held now: overdue dossiers first, the most recently overdue first; then by hours beyond the step's allotted time. */
  holdings: OfficialHolding[];
  /** The period's steps, most hours beyond allotted time first; at most OFFICIAL_STEPS_LIMIT of them. */
  steps: OfficialStep[];
  /** How many steps the period has (steps holds at most OFFICIAL_STEPS_LIMIT). */
  stepsTotal: number;
  /**
   * Reminders and explanation requests sent in the period while this official held the dossier, newest
   * first: those the asker may read (policy canReadRequest).
   */
  requests: RequestView[];
  /** Of the period's requests counted for the official, how many the asker may not read (sent to another unit). */
  requestsHidden: number;
}

/** The most steps an official's page lists for one period. */
export const OFFICIAL_STEPS_LIMIT = 500;
/** Weeks in an official's trend. */
export const OFFICIAL_TREND_WEEKS = 12;
