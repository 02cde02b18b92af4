/**
 * Response shapes of the read API (/api/v1). The client imports these with `import type` only.
 * Instants are ISO 8601 strings with +07:00 offset on the wire.
 */
import type { Period, PeriodWindow, ScopeKey, ScopeMetrics } from '../metrics/types.js';
import type { DossierTimeliness, TaskTimeliness, UnitType } from '../domain/types.js';

export type { Period, ScopeKey, ScopeMetrics, PeriodWindow };

export interface UnitInfo {
  code: string;
  type: UnitType;
  name: string;
  fullName: string;
  nameEn: string;
  lat: number;
  lon: number;
  areaKm2: number;
  population: number;
}

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
  window: { period: Period; from: string; to: string };
  /** The city's metrics; null for a principal bound to one unit or department (the overview is filtered to what they may see). */
  city: ScopeMetrics | null;
  /** Keyed by unit code (only those the principal may see). */
  units: Record<string, ScopeMetrics>;
  /** Keyed by department code. */
  departments: Record<string, ScopeMetrics>;
  /** Same metrics for the previous period of the same length (for "change against previous period"). */
  previousCity: ScopeMetrics | null;
  /** Flow metrics of the same elapsed part of the previous period ("cùng kỳ"), for counts of a period still running. */
  previousCityToDate: ScopeMetrics | null;
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
  /** Times a dossier was passed back to someone who held it before (A→B→A). */
  bounces: number;
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
  window: { period: Period; from: string; to: string };
  scope: ScopeKey;
  unit: UnitInfo | null;
  department: DepartmentInfo | null;
  metrics: ScopeMetrics;
  byField: BreakdownRow[];
  byProcedure: BreakdownRow[];
  byOfficial: OfficialRow[];
  /** Daily, the last 30 days. */
  trend: TrendPoint[];
  /** Processing-time distribution of dossiers finished in the period: working-day bins. */
  processingHistogram: { fromDays: number; toDays: number; count: number }[];
}

export type DossierListStatus = 'overdue' | 'due_soon' | 'in_progress' | 'paused' | 'awaiting_supplement' | 'late' | 'done';

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
  holderId: string | null;
  holderName: string | null;
  supplementRequests: number;
  apologies: number;
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
  processingDays: number | null;
  supplementRequests: number;
  pauses: { from: string; to: string | null }[];
  apologies: { at: string; proposedDueAt: string; reason: string }[];
  rating: string | null;
  holds: HoldView[];
  timeline: TimelineEntry[];
}

export type TaskListStatus = TaskTimeliness;

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
  lastEventAt: string | null;
  /** ms since the last event was received; null when none yet. */
  lagMs: number | null;
  /** No event for longer than the silence threshold. */
  silent: boolean;
}

/** GET /api/v1/health */
export type HealthResponse =
  | {
      status: 'ok' | 'degraded';
      now: string;
      build: string;
      database: { ok: boolean; file: string; events: number; dossiers: number; tasks: number };
      sources: SourceFreshness[];
    }
  | {
      /** Refolding the projections from the event log after an unclean stop (answered with 503). */
      status: 'recovering';
      now: string;
      build: string;
      /** Dossiers and tasks with unprojected events: `done` of `total` refolded; events folded of `eventsTotal`. */
      progress: { done: number; total: number; percent: number; events: number; eventsTotal: number; elapsedMs: number };
    };
