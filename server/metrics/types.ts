/** Metric shapes shared by the engine, the read API and the client (import type only). */

export const PERIODS = ['live', 'today', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/** Which overdue dossiers the on-time rate's denominator holds (ScopeMetrics.onTimeRate). */
export type OnTimeRateBasis = 'backlog' | 'new';

/** Key of a metrics scope: the whole city, one ward/commune, or one department. */
export type ScopeKey = 'city' | `unit:${string}` | `department:${string}`;

export interface TaskCounters {
  /** Tasks assigned in the period. */
  assigned: number;
  /** Open now, deadline not passed (Đang thực hiện trong hạn). */
  openInTerm: number;
  /** Open now, deadline passed (Quá hạn). */
  openOverdue: number;
  /** Completed in the period by the deadline in force. */
  doneOnTime: number;
  /** Completed in the period after the deadline in force. */
  doneLate: number;
  /** Open now without a deadline. */
  noDeadline: number;
}

export interface ScopeMetrics {
  /** Dossiers received in the period. */
  received: number;
  /** Of those, received online. */
  receivedOnline: number;
  /** Open now, in progress (includes overdue and due soon). */
  inProgress: number;
  /** Open now and past due (or counted overdue by the two-supplements rule). */
  overdue: number;
  /** Open now, due within the due-soon window. */
  dueSoon: number;
  /** Open now, clock stopped awaiting the citizen's supplement. */
  awaitingSupplement: number;
  /** Processing stopped (status 8) in the period. */
  paused: number;
  /** Finished in the period before the due date. */
  finishedEarly: number;
  /** Finished in the period on the due date. */
  finishedOnTime: number;
  /** Finished in the period after the due date. */
  finishedLate: number;
  /** Withdrawn by the citizen in the period (excluded from the on-time rate). */
  withdrawn: number;
  /**
   * Open overdue dossiers whose lateness began within the window, counted in working time
   * (overdueWorkDay): a dossier due at the end of Friday became overdue on Monday, not on Sunday.
   */
  overdueNew: number;
  /**
   * (early + on time) ÷ (early + on time + late + overdue): with every overdue dossier now (`backlog`,
   * the DVCQG way, for month, quarter, year and the last 30 days) or only those that became overdue in
   * the window (`new`, for today and this week, so a day off is not judged by the whole backlog);
   * null when nothing is to be judged. See onTimeRateBasis.
   */
  onTimeRate: number | null;
  onTimeRateBasis: OnTimeRateBasis;
  /** Median processing time of dossiers finished in the period, working days. */
  processingDaysMedian: number | null;
  /** 90th percentile of the same. */
  processingDaysP90: number | null;
  /** receivedOnline ÷ received; null when nothing received. */
  onlineShare: number | null;
  /** Apology letters issued in the period. */
  apologies: number;
  tasks: TaskCounters;
}

export interface PeriodWindow {
  period: Period;
  /** Inclusive start, epoch ms. */
  from: number;
  /** Exclusive end, epoch ms. */
  to: number;
}
