/**
 * The settings of DOMAIN.md's Accountability rules (buck-passing, early warning, explanation requests),
 * with their defaults. One object, passed in like DomainSettings, so the rules stay pure and testable.
 */
export interface AccountabilitySettings {
  /** Pass-around: more than this many hand-overs with no step completed (default 4). */
  passAroundTransfers: number;
  /** Pass-around: more than this many different officials holding a dossier within one step (default 3). */
  passAroundHolders: number;
  /** At risk: due within this many working hours (default 8 = the next working day). */
  atRiskDueWithinWorkingHours: number;
  /** At risk: no event for this many working hours (default 8 = the last working day). */
  atRiskIdleWorkingHours: number;
  /** Tasks at risk: due within this many working days (default 3)… */
  taskAtRiskDueWithinDays: number;
  /** …and no progress report in this many working days (default 5). */
  taskAtRiskIdleDays: number;
  /** Status-update rate: an open task counts as updated with a progress report in this many working days (default 10). */
  taskUpdateWindowDays: number;
  /** An explanation request's answer is due this many working days after it is sent, unless the sender sets a date (default 2). */
  explanationAnswerDays: number;
}

export const DEFAULT_ACCOUNTABILITY_SETTINGS: AccountabilitySettings = Object.freeze({
  passAroundTransfers: 4,
  passAroundHolders: 3,
  atRiskDueWithinWorkingHours: 8,
  atRiskIdleWorkingHours: 8,
  taskAtRiskDueWithinDays: 3,
  taskAtRiskIdleDays: 5,
  taskUpdateWindowDays: 10,
  explanationAnswerDays: 2,
});
