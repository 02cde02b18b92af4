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
  /** The data-trust checks (data-trust.ts). */
  dataTrust: DataTrustSettings;
}

/** The settings of the data-trust checks (DOMAIN.md "Accountability": data that cannot be faked). */
export interface DataTrustSettings {
  /** Off: no check runs and no flag is written (the benchmark's baseline). Default on. */
  enabled: boolean;
  /** Back-dated: an event that reached us more than this many working days after the instant it claims (default 2). */
  backdatedWorkingDays: number;
  /** Supplement before due: a first supplement request within this many working hours before the due date (default 4). */
  supplementLastWorkingHours: number;
  /** Completion burst: this many dossiers finished by one official… (default 10) */
  burstCompletions: number;
  /** …within this many minutes (default 5). */
  burstMinutes: number;
  /** Daily jump: a day's figure more than k scaled MADs from the median of the unit's own history (default 3.5). */
  jumpK: number;
  /** Daily jump: the history is the working days of the last this many weeks (default 8). */
  jumpHistoryWeeks: number;
  /** Daily jump: judged only with at least this many working days of history (default 20). */
  jumpMinHistoryDays: number;
  /** Daily jump: a day's on-time rate counts (judged and as history) with at least this many dossiers finished (default 10). */
  jumpMinFinished: number;
}

export const DEFAULT_DATA_TRUST_SETTINGS: DataTrustSettings = Object.freeze({
  enabled: true,
  backdatedWorkingDays: 2,
  supplementLastWorkingHours: 4,
  burstCompletions: 10,
  burstMinutes: 5,
  jumpK: 3.5,
  jumpHistoryWeeks: 8,
  jumpMinHistoryDays: 20,
  jumpMinFinished: 10,
});

export const DEFAULT_ACCOUNTABILITY_SETTINGS: AccountabilitySettings = Object.freeze({
  passAroundTransfers: 4,
  passAroundHolders: 3,
  atRiskDueWithinWorkingHours: 8,
  atRiskIdleWorkingHours: 8,
  taskAtRiskDueWithinDays: 3,
  taskAtRiskIdleDays: 5,
  taskUpdateWindowDays: 10,
  explanationAnswerDays: 2,
  dataTrust: DEFAULT_DATA_TRUST_SETTINGS,
});
