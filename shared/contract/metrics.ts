/**
 * Metric shapes on the wire: the engine computes them, the read API and the live events carry them,
 * the client shows them. Pure: this file imports nothing.
 */

export const PERIODS = ['live', 'today', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/** Which overdue dossiers the on-time rate's denominator holds (ScopeMetrics.onTimeRate). */
export type OnTimeRateBasis = 'backlog' | 'new';

/**
 * Key of a metrics scope: the whole jurisdiction (`city`: the city, or the country of a national pack),
 * one province of a national pack (the sum of its communes), one ward/commune, or one department.
 */
export type ScopeKey = 'city' | `province:${string}` | `unit:${string}` | `department:${string}`;

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
  /**
   * Buck-passing cases (đùn đẩy) found in the dossiers received in the period, counted on each dossier's
   * day of receipt, so that ÷ `received` is "cases per dossier received" over one population.
   */
  buckPassingCases: number;
  tasks: TaskCounters;
}

/**
 * Metrics of a scope with nothing in it: every count 0, every rate and median null, the on-time rate
 * judged by `basis`. The one all-zero ScopeMetrics (engine, recompute oracle and test factories).
 */
export function emptyScopeMetrics(basis: OnTimeRateBasis = 'backlog'): ScopeMetrics {
  return {
    received: 0,
    receivedOnline: 0,
    inProgress: 0,
    overdue: 0,
    dueSoon: 0,
    awaitingSupplement: 0,
    paused: 0,
    finishedEarly: 0,
    finishedOnTime: 0,
    finishedLate: 0,
    withdrawn: 0,
    overdueNew: 0,
    onTimeRate: null,
    onTimeRateBasis: basis,
    processingDaysMedian: null,
    processingDaysP90: null,
    onlineShare: null,
    apologies: 0,
    buckPassingCases: 0,
    tasks: { assigned: 0, openInTerm: 0, openOverdue: 0, doneOnTime: 0, doneLate: 0, noDeadline: 0 },
  };
}
