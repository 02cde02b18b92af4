/**
 * Response shapes of the read API (/api/v1), and the enumerations they carry. Instants are ISO 8601
 * strings with +07:00 offset on the wire. Imports nothing outside the contract.
 */
import type { OverviewLevel, ProvinceInfo } from './provinces.js';
import type { Period, ScopeKey, ScopeMetrics } from './metrics.js';
import type { AlertRaised } from './events.js';
import type { ScopeForecastView } from './early-warning.js';
import type { BuckPassingCaseView } from './buck-passing.js';
import type { HistoryLoadState } from './history-load.js';
import type { DossierStateAt } from './replay.js';

/** How a dossier stands at an instant. */
export type DossierTimeliness =
  'early' | 'on_time' | 'late' | 'overdue' | 'due_soon' | 'in_term' | 'awaiting_supplement' | 'paused' | 'excluded';

/**
 * Why an overdue (open) or late (finished) dossier counts so: `past_due`, its due time has passed;
 * `supplements`, only because the supplement was requested more than once (the national index's rule).
 */
export type OverdueReason = 'past_due' | 'supplements';

export type TaskTimeliness = 'open_in_term' | 'open_overdue' | 'done_on_time' | 'done_late' | 'no_deadline' | 'cancelled';

export type UnitType = 'Phường' | 'Xã' | 'Đặc khu';

/** office: a source's quiet time is counted in working time; always: a 24/7 source, calendar time. */
export type SourceHours = 'office' | 'always';

/** live; late: quiet for over half its threshold; silent: over its threshold, or never heard. */
export type SourceState = 'live' | 'late' | 'silent';

/** Whether the working calendar covers this year and, from 1 October, the next (domain/calendar-coverage.ts). */
export type CalendarCoverage =
  | { status: 'ok'; years: number[] }
  /** From 1 October: next year has no file yet (nothing wrong today). */
  | { status: 'missing_next_year'; year: number; years: number[]; message: string }
  /** This year has no file: its days off are not counted now (only weekends). */
  | { status: 'missing_current_year'; year: number; years: number[]; message: string };

/** A ward, commune or special zone of the jurisdiction. */
export interface UnitInfo {
  code: string;
  type: UnitType;
  name: string;
  fullName: string;
  nameEn: string;
  lat: number;
  lon: number;
  areaKm2: number;
  /** 0 when not known (the national pack's list has no population). */
  population: number;
  /** The province's 2-digit code, in a national jurisdiction (absent in a one-province one). */
  province?: string;
}

/** A specialised department of the city. */
export interface DepartmentInfo {
  code: string;
  name: string;
  nameEn: string;
  shortName: string;
}

/** GET /api/v1/jurisdiction */
export interface JurisdictionResponse {
  code: string;
  name: string;
  nameEn: string;
  units: UnitInfo[];
  departments: DepartmentInfo[];
  /** The provinces of a national jurisdiction (JURISDICTION=vn); absent for one province or city. */
  provinces?: ProvinceInfo[];
}

/** GET /api/v1/jurisdiction/boundaries: a GeoJSON FeatureCollection; each feature has properties.code. */
export interface BoundariesResponse {
  type: 'FeatureCollection';
  /** true when the geometry is generated from the units' points (not official). */
  schematic: boolean;
  features: {
    type: 'Feature';
    properties: { code: string; name: string };
    geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  }[];
}

/** GET /api/v1/overview?period= */
export interface OverviewResponse {
  asOf: string;
  /** `period` is the kind (month, quarter, year for a named one); `name` the period as asked when it was named (2026-10). */
  window: { period: Period; from: string; to: string; name?: string };
  /** The city's metrics; null for a principal bound to one unit or department (the overview is filtered to what they may see). */
  city: ScopeMetrics | null;
  /** Keyed by unit code (only those the principal may see). */
  units: Record<string, ScopeMetrics>;
  /** Keyed by department code. */
  departments: Record<string, ScopeMetrics>;
  /** Same metrics for the previous period of the same length (for "change against previous period"). */
  previousCity: ScopeMetrics | null;
  /**
   * Flow counts of the previous period up to the same instant ("cùng kỳ": yesterday until this minute's
   * time of day; the first days of last month until now's), for counts of a period still running. Null
   * when those days are no longer kept.
   */
  previousCityToDate: ScopeMetrics | null;
  /** Today in Vietnam time, whether it is a working day, and on a day off the last working day's figures. */
  day: DayInfo;
  /**
   * The city's forecast: how many open dossiers will be overdue at the end of today, at the close of the
   * next working day and at the end of this week if none is finished (null when `city` is). Every unit's
   * and department's: GET /forecast.
   */
  forecast: ScopeForecastView | null;
  /**
   * National packs only (absent for a city pack): the level this answer is of. Country (`province`
   * null): `provinces` carries every province the caller may see and `units` is empty (3,321 communes
   * are a drill away, not in every answer). One province (`?province=<code>`): `units` carries its
   * communes, `departments` is empty, and `city`, `previousCity`, `previousCityToDate` and `day` are the
   * province's figures (`forecast` is null: the early warning counts the country and its communes).
   */
  level?: OverviewLevel;
  /** National packs at country level: keyed by province code (those the caller may see). */
  provinces?: Record<string, ScopeMetrics>;
}

export interface DayInfo {
  /** YYYY-MM-DD, Vietnam time. */
  date: string;
  workingDay: boolean;
  /** On a day off: the last working day and the city's figures for it, judged like `today`; else null. */
  lastWorkingDay: { date: string; city: ScopeMetrics | null } | null;
}

export interface BreakdownRow {
  key: string;
  label: string;
  received: number;
  inProgress: number;
  overdue: number;
  finishedOnTime: number;
  finishedLate: number;
  onTimeRate: number | null;
  processingDaysMedian: number | null;
}

export interface OfficialRow {
  id: string;
  name: string;
  unit: string;
  /** Dossiers held now. */
  holdingNow: number;
  /** Of those, overdue now. */
  overdueHeldNow: number;
  /** Steps finished in the period. */
  stepsDone: number;
  /** Steps finished within their allotted time ÷ steps finished with an allotted time. */
  stepOnTimeShare: number | null;
  /** Median working days a step was held. */
  medianHoldDays: number | null;
  /**
   * Buck-passing cases (đùn đẩy: bounce, sent back, pass-around, cross-unit; shared/contract/buck-passing.ts)
   * the official was involved in, whose last hand-over fell in the period.
   */
  buckPassingCases: number;
}

export interface TrendPoint {
  /** YYYY-MM-DD, Vietnam time. */
  date: string;
  received: number;
  finishedOnTime: number;
  finishedLate: number;
  /** Open and overdue at the end of that day. */
  overdueBacklog: number;
  onTimeRate: number | null;
}

/** GET /api/v1/units/:code?period= (also accepts department codes) */
export interface UnitDetailResponse {
  asOf: string;
  /** As OverviewResponse.window. */
  window: { period: Period; from: string; to: string; name?: string };
  scope: ScopeKey;
  unit: UnitInfo | null;
  department: DepartmentInfo | null;
  /** A national pack's province (`/units/province:<code>`: its communes taken together); absent otherwise. */
  province?: ProvinceInfo;
  metrics: ScopeMetrics;
  /** The same metrics over the previous period (overdue as it stood at its end), for "change against". */
  previous: ScopeMetrics | null;
  /** Flow counts of the previous period up to the same instant ("cùng kỳ"), as OverviewResponse.previousCityToDate. */
  previousToDate: ScopeMetrics | null;
  byField: BreakdownRow[];
  byProcedure: BreakdownRow[];
  byOfficial: OfficialRow[];
  /** Daily, the last 30 days. */
  trend: TrendPoint[];
  /** Processing-time distribution of dossiers finished in the period: working-day bins. */
  processingHistogram: { fromDays: number; toDays: number; count: number }[];
  /** The scope's forecast if none of its open dossiers is finished (as OverviewResponse.forecast); null for a closed period. */
  forecast: ScopeForecastView | null;
}

/** The dossier lists' status filters, for the read API and the exports alike. */
export const DOSSIER_LIST_STATUSES = ['overdue', 'due_soon', 'in_progress', 'paused', 'awaiting_supplement', 'late', 'done'] as const;
export type DossierListStatus = (typeof DOSSIER_LIST_STATUSES)[number];

/**
 * A dossier list's filters (`?status=&holder=&pastDue=1`), for the read API, the exports and the
 * client alike: `holder` keeps the dossiers one handling official holds now (their handler id, at most
 * HOLDER_ID_MAX_LENGTH characters); `pastDue` those whose due time has passed.
 */
export interface DossierListFilters {
  status: DossierListStatus;
  holder?: string;
  pastDue?: boolean;
}
export const HOLDER_ID_MAX_LENGTH = 128;

export interface DossierListItem {
  id: string;
  unit: string;
  procedureCode: string;
  procedureName: string;
  field: string;
  channel: 'online' | 'in_person' | 'postal' | null;
  receivedAt: string | null;
  dueAt: string | null;
  endAt: string | null;
  timeliness: DossierTimeliness;
  daysOverdue: number;
  /** Why an overdue or late dossier counts so; with `supplements`, its due date may still be ahead (show the supplement count, not 0 days). */
  overdueReason: OverdueReason | null;
  holderId: string | null;
  holderName: string | null;
  supplementRequests: number;
  apologies: number;
}

/** Counts of items that became overdue recently and are still overdue, in one unit or department. */
export interface NewlyOverdueCount {
  code: string;
  name: string;
  /** Since 00:00 today, Vietnam time. */
  today: number;
  /** Within the last hour. */
  lastHour: number;
}

/**
 * `GET /alerts/recent`: what most recently became overdue in a scope, in the live alerts' shape
 * (`holderName` null unless the asker may see officials' names), and how many items became overdue
 * in the last hour and today, per unit. Answered to whoever may see the scope's aggregates (the public too).
 */
export interface RecentAlertsResponse {
  asOf: string;
  /** Newest first. */
  items: AlertRaised[];
  newlyOverdue: { today: number; lastHour: number; byUnit: NewlyOverdueCount[] };
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface TimelineEntry {
  eventId: string;
  type: string;
  at: string;
  /** Human-oriented extra data of the event (handler, reason, due dates…). */
  data: Record<string, unknown>;
}

export interface HoldView {
  handlerId: string;
  handlerName: string;
  handlerUnit: string;
  from: string;
  to: string | null;
  stepDueAt: string | null;
  /** Working days held (up to now when still held). */
  heldDays: number;
  /** Working days allotted (stepDueAt − from), null when no allotted time. */
  allottedDays: number | null;
  /** Working days held beyond the allotted time (0 when within). */
  delayDays: number;
}

/** GET /api/v1/dossiers/:id */
export interface DossierDetailResponse {
  asOf: string;
  id: string;
  unit: string;
  unitName: string;
  procedure: { code: string; name: string; field: string; legalDays: number } | null;
  channel: 'online' | 'in_person' | 'postal' | null;
  receivedAt: string | null;
  originalDueAt: string | null;
  dueAt: string | null;
  endAt: string | null;
  endKind: string | null;
  returnedAt: string | null;
  status: string;
  bucket: string;
  timeliness: DossierTimeliness;
  daysOverdue: number;
  /** As in {@link DossierListItem.overdueReason}. */
  overdueReason: OverdueReason | null;
  processingDays: number | null;
  supplementRequests: number;
  pauses: { from: string; to: string | null }[];
  apologies: { at: string; proposedDueAt: string; reason: string }[];
  rating: string | null;
  holds: HoldView[];
  /** Its buck-passing cases (server/domain/buck-passing.ts), ordered by their first hold. */
  buckPassing: BuckPassingCaseView[];
  timeline: TimelineEntry[];
  /** With `?at=` (issue 16): the dossier as it stood at that moment, from folding its events up to then. */
  stateAt?: DossierStateAt;
}

export type TaskListStatus = TaskTimeliness;
/** The task lists' status filters, for the read API and the exports alike. */
export const TASK_LIST_STATUSES = ['open_in_term', 'open_overdue', 'done_on_time', 'done_late', 'no_deadline', 'cancelled'] as const;
/** Sort keys of a breakdown table (by field, by procedure): the page's columns and the export's order. */
export const BREAKDOWN_SORT_KEYS = [
  'label',
  'received',
  'inProgress',
  'overdue',
  'finishedOnTime',
  'finishedLate',
  'onTimeRate',
  'processingDaysMedian',
] as const;

export interface TaskListItem {
  id: string;
  title: string;
  documentNumber: string | null;
  issuer: string | null;
  assignee: string;
  assignedAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  timeliness: TaskTimeliness;
  daysOverdue: number;
  extensions: number;
}

/** GET /api/v1/tasks/:id */
export interface TaskDetailResponse {
  asOf: string;
  id: string;
  title: string | null;
  document: { number: string; date: string } | null;
  issuer: string | null;
  assignee: string | null;
  assigneeName: string | null;
  assignedAt: string | null;
  originalDueAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  status: string;
  timeliness: TaskTimeliness;
  daysOverdue: number;
  extensions: number;
  timeline: TimelineEntry[];
}

export interface SourceFreshness {
  name: string;
  kind: 'dossier' | 'task';
  /** The latest event time (`at`) the source has sent; null when none yet. */
  lastEventAt: string | null;
  /** When its last batch arrived; null when none yet. */
  lastSeenAt: string | null;
  /** ms since the last batch was received (calendar time); null when none yet. */
  lagMs: number | null;
  /** The quiet time that counts against its threshold: working ms for an office-hours source, calendar ms for a 24/7 one. */
  quietMs: number | null;
  /** Quiet time after which it is silent (its own setting, else SOURCE_SILENT_MS). */
  silentAfterMs: number;
  /** office: quiet time counted in working time; always: a 24/7 source, calendar time. */
  hours: SourceHours;
  /** live; late: quiet for over half its threshold; silent: over its threshold, or never heard. */
  state: SourceState;
  /** state === 'silent' (kept for older clients). */
  silent: boolean;
  /**
   * Clock skew: the median of (arrival − event `at`) over the source's last 1,001 accepted events, ms.
   * Positive: events arrive after they happened (sent late, or a clock behind ours); negative: a clock
   * ahead. null before any event (since the start, or in the log's last 16,016 events read at start);
   * events of a history load (data trust's `history_until` mark) are left out.
   */
  clockSkewMs: number | null;
  /** How many events the median is over (0: none yet). */
  clockSkewSamples: number;
  /** Its size is over clockSkewWarnMs (CLOCK_SKEW_WARN_MINUTES): a sign to check the source's clock or its sending. */
  clockSkewLarge: boolean;
  clockSkewWarnMs: number;
}

/** GET /api/v1/health */
export type HealthResponse =
  | {
      status: 'ok' | 'degraded';
      now: string;
      build: string;
      database: { ok: boolean; file: string; events: number; dossiers: number; tasks: number };
      sources: SourceFreshness[];
      /** Whether the working calendar covers this year (and, from 1 October, the next). */
      calendar: CalendarCoverage;
      /** A history load (`npm run import -- --history`) running or still being projected; null: none. */
      historyLoad: HistoryLoadState | null;
    }
  | {
      /** Refolding the projections from the event log after an unclean stop (answered with 503). */
      status: 'recovering';
      now: string;
      build: string;
      /** Dossiers and tasks with unprojected events: `done` of `total` refolded; events folded of `eventsTotal`. */
      progress: { done: number; total: number; percent: number; events: number; eventsTotal: number; elapsedMs: number };
    };
