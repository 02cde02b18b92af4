/**
 * Early warning and the exact forecast (Cảnh báo sớm) on the wire: the overview's and the unit page's
 * forecast, and the at-risk lists of dossiers and tasks. The rules are server/domain/early-warning.ts
 * and server/metrics/forecast.ts. Instants are ISO 8601 with +07:00. Imports nothing outside the contract.
 */
import type { OnTimeRateBasis, Period } from './metrics.js';

/**
 * An open item's colour (DOMAIN.md › Accountability):
 * - red: will miss — already overdue, or no office hour is left before its due time;
 * - orange: at risk — due soon and nobody has touched it for a while (the at-risk rule);
 * - green: on track;
 * - grey: cannot be judged yet — a dossier waiting for the citizen's supplement (its due date moves when
 *   the supplement comes back), a task without a deadline.
 */
export const WARNING_STATUSES = ['red', 'orange', 'green', 'grey'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

/** Why an item has its colour. */
export type WarningReason =
  /** red: past due, or counted overdue by the two-supplements rule (tasks: past the deadline). */
  | 'overdue'
  /** red: no office hour left before the due time. */
  | 'no_time_left'
  /** orange: due soon, and no event (a task: no progress report) for the idle time. */
  | 'idle'
  /** green: due soon, worked on recently. */
  | 'active'
  /** green: not due soon. */
  | 'not_due_soon'
  /** grey: waiting for the citizen's supplement. */
  | 'awaiting_supplement'
  /** grey: a task without a deadline. */
  | 'no_deadline';

/** One instant the forecast judges, as an instant and as its Vietnam date. */
export interface ForecastInstant {
  /** The instant judged. */
  at: string;
  /** YYYY-MM-DD (Vietnam time) of that instant. */
  date: string;
}

/**
 * The instants of a forecast, the same for every scope. Each count is of open dossiers overdue at that
 * instant (by the overdue spans' definition) if none of them is finished and nothing else happens.
 */
export interface ForecastHorizons {
  /** The end of today, 23:59:59.999 (the `today` period's end). */
  today: ForecastInstant;
  /**
   * The close of office (the last office session's end, 17:00 by default) on the next working day after
   * today — Monday from a Friday or a Saturday. A dossier due at the close exactly counts: it is late
   * from the next instant on, with no office hour in between.
   */
  nextWorkingDay: ForecastInstant & { /** That day is literally tomorrow. */ tomorrow: boolean };
  /** Sunday 23:59:59.999 of this week (the `week` period, Monday to Sunday, ends then). */
  week: ForecastInstant;
  /** The end of the requested period, at which its on-time rate is judged (as the metrics judge it). */
  periodEnd: ForecastInstant & { period: Period; basis: OnTimeRateBasis };
}

/** One scope's forecast if none of its open dossiers is finished (and nothing else happens). */
export interface ScopeForecast {
  /** Open dossiers overdue now. */
  overdueNow: number;
  /** Open dossiers overdue at the end of today. */
  today: number;
  /** Open dossiers overdue at the close of office on the next working day. */
  nextWorkingDay: number;
  /** Open dossiers overdue at the end of this week (Sunday 23:59:59.999). */
  week: number;
  /**
   * The period's on-time rate judged at its end if none of the open dossiers is finished: (early + on time)
   * ÷ (early + on time + late + overdue), with the dossiers finished so far and the overdue term of the
   * period's basis at its end (`backlog`: every dossier overdue then; `new`: those whose lateness began in
   * the period). Null when nothing would be judged.
   */
  onTimeRate: number | null;
  /** The overdue term of that rate. */
  onTimeRateOverdue: number;
  /** Open dossiers at risk now (the at-risk rule). */
  atRisk: number;
}

/**
 * GET /forecast?period=: the forecast of every scope the asker may see (their aggregates), for tables of
 * units; the overview carries the city's only (its answer stays small: the 168 units' would add a fifth).
 */
export interface ForecastResponse {
  asOf: string;
  horizons: ForecastHorizons;
  /** Null for an asker who may not see the city's figures. */
  city: ScopeForecast | null;
  /** Keyed by unit code. */
  units: Record<string, ScopeForecast>;
  /** Keyed by department code. */
  departments: Record<string, ScopeForecast>;
}

/** One scope's forecast with its horizons: the city's in GET /overview, a unit's in GET /units/:code. */
export interface ScopeForecastView {
  asOf: string;
  horizons: ForecastHorizons;
  scope: ScopeForecast;
}

/** The at-risk rule's settings, for labels ("no event for 8 working hours"). */
export interface AtRiskRule {
  dueWithinWorkingHours: number;
  idleWorkingHours: number;
}

/** A dossier of the early-warning list: open, not overdue, due within the rule's working hours. */
export interface AtRiskDossier {
  id: string;
  unit: string;
  unitName: string;
  procedureName: string;
  field: string;
  dueAt: string;
  status: WarningStatus;
  reason: WarningReason;
  /** The at-risk rule holds now. */
  atRisk: boolean;
  /** Working hours from now to the due time. */
  workingHoursLeft: number;
  /** Working hours since the dossier's latest event. */
  idleWorkingHours: number;
  lastEventAt: string;
  /** The official holding it now (null when nobody does). */
  holderId: string | null;
  holderName: string | null;
}

/** Counts of a list by colour. */
export type WarningCounts = Record<WarningStatus, number>;

/**
 * GET /city/at-risk, /units/:code/at-risk, /departments/:code/at-risk: the early-warning list — open
 * dossiers not yet overdue whose due date in force lies within the next `rule.dueWithinWorkingHours`
 * working hours — soonest due first.
 */
export interface AtRiskDossierList {
  asOf: string;
  rule: AtRiskRule;
  /** The holder filter (`official`), if any. */
  official: string | null;
  /** Counts of the whole list (before the `status` filter and paging) by colour. */
  counts: WarningCounts;
  total: number;
  page: number;
  pageSize: number;
  items: AtRiskDossier[];
}

/** The status-update rate of a scope's tasks (tỷ lệ cập nhật tình hình). */
export interface StatusUpdateRate {
  /** The window, in working days (setting, default 10). */
  windowWorkingDays: number;
  /** Open tasks now. */
  open: number;
  /** Of those, with a progress report in the last `windowWorkingDays` working days. */
  updated: number;
  /** updated ÷ open; null without open tasks. */
  rate: number | null;
}

/** A task of the at-risk task list: open, not overdue, due within the rule's working days. */
export interface AtRiskTask {
  id: string;
  title: string;
  documentNumber: string | null;
  assignee: string;
  assigneeName: string;
  dueAt: string;
  status: WarningStatus;
  reason: WarningReason;
  atRisk: boolean;
  /** Working days from now to the deadline. */
  workingDaysLeft: number;
  /** The latest progress report, null when none. */
  lastProgressAt: string | null;
}

/** GET /city/at-risk/tasks, /units/:code/at-risk/tasks, /departments/:code/at-risk/tasks. */
export interface AtRiskTaskList {
  asOf: string;
  rule: { dueWithinWorkingDays: number; idleWorkingDays: number };
  counts: WarningCounts;
  updateRate: StatusUpdateRate;
  total: number;
  page: number;
  pageSize: number;
  items: AtRiskTask[];
}
