/**
 * Integer counter layout shared by the engine's buckets and running totals, and the one function
 * that turns counters into the ScopeMetrics shape the API and the client read.
 */
import { histogramQuantile } from './histogram.js';
import type { DossierOutcome } from './footprint.js';
import type { OnTimeRateBasis, ScopeMetrics } from './types.js';

// Flow counters: facts dated by a Vietnam day, summed over a window.
export const F_RECEIVED = 0;
export const F_RECEIVED_ONLINE = 1;
export const F_STOPPED = 2;
export const F_EARLY = 3;
export const F_ON_TIME = 4;
export const F_LATE = 5;
export const F_WITHDRAWN = 6;
export const F_APOLOGIES = 7;
export const F_TASKS_ASSIGNED = 8;
export const F_TASKS_DONE_ON_TIME = 9;
export const F_TASKS_DONE_LATE = 10;
/** Number of durations counted in the histogram (the sum of its bins). */
export const F_HIST_TOTAL = 11;
/** Buck-passing cases of the dossiers received on the day (a dossier's count, on its receipt day). */
export const F_BUCK_PASSING = 12;
/**
 * National service index counters of the dossiers received on the day: F_INDEX_BITS + k counts the
 * dossiers with bit k of their indexBits (service-index-facts.ts) set, for k < INDEX_COUNTED_BITS.
 */
export const F_INDEX_BITS = 13;
/** Bits 0…12 of indexBits are counters; bit 13 (complaint) only feeds F_SATISFACTION_BAD. */
export const INDEX_COUNTED_BITS = 13;
/** Dossiers received on the day on the bad side of satisfaction (isSatisfactionBad). */
export const F_SATISFACTION_BAD = F_INDEX_BITS + INDEX_COUNTED_BITS;
export const FLOW_COUNTERS = F_SATISFACTION_BAD + 1;

// Backlog counters: "open now", one value per scope whatever the period.
export const B_IN_PROGRESS = 0;
export const B_OVERDUE = 1;
export const B_DUE_SOON = 2;
export const B_AWAITING_SUPPLEMENT = 3;
export const B_TASKS_OPEN_IN_TERM = 4;
export const B_TASKS_OPEN_OVERDUE = 5;
export const B_TASKS_NO_DEADLINE = 6;
export const BACKLOG_COUNTERS = 7;

/** The flow counter of a dossier outcome. */
export function outcomeCounter(outcome: DossierOutcome): number {
  switch (outcome) {
    case 'early':
      return F_EARLY;
    case 'on_time':
      return F_ON_TIME;
    case 'late':
      return F_LATE;
    case 'withdrawn':
      return F_WITHDRAWN;
    case 'stopped':
      return F_STOPPED;
  }
}

/** Metrics of a scope with nothing in it: the one all-zero ScopeMetrics, defined in the contract. */
export { emptyScopeMetrics } from '../../shared/contract/metrics.js';

/**
 * ScopeMetrics from flow counters over a window, the window's processing-time histogram (null when
 * empty) and the scope's backlog counters. onTimeRate = (early + on time) ÷ (early + on time + late +
 * overdue), the overdue term being the backlog (DVCQG) or `overdueNew` as `basis` says
 * (periods.onTimeRateBasis); null when that is 0/0.
 * Median and p90 are nearest-rank, reported as the lower edge of their 0.1-working-day bin.
 */
export function buildScopeMetrics(
  flow: ArrayLike<number>,
  hist: ArrayLike<number> | null,
  backlog: ArrayLike<number>,
  overdueNew = 0,
  basis: OnTimeRateBasis = 'backlog',
): ScopeMetrics {
  const onTime = flow[F_EARLY] + flow[F_ON_TIME];
  const judged = onTime + flow[F_LATE] + (basis === 'new' ? overdueNew : backlog[B_OVERDUE]);
  const histTotal = hist === null ? 0 : flow[F_HIST_TOTAL];
  return {
    received: flow[F_RECEIVED],
    receivedOnline: flow[F_RECEIVED_ONLINE],
    inProgress: backlog[B_IN_PROGRESS],
    overdue: backlog[B_OVERDUE],
    dueSoon: backlog[B_DUE_SOON],
    awaitingSupplement: backlog[B_AWAITING_SUPPLEMENT],
    paused: flow[F_STOPPED],
    finishedEarly: flow[F_EARLY],
    finishedOnTime: flow[F_ON_TIME],
    finishedLate: flow[F_LATE],
    withdrawn: flow[F_WITHDRAWN],
    overdueNew,
    onTimeRate: judged === 0 ? null : onTime / judged,
    onTimeRateBasis: basis,
    processingDaysMedian: hist === null ? null : histogramQuantile(hist, histTotal, 5),
    processingDaysP90: hist === null ? null : histogramQuantile(hist, histTotal, 9),
    onlineShare: flow[F_RECEIVED] === 0 ? null : flow[F_RECEIVED_ONLINE] / flow[F_RECEIVED],
    apologies: flow[F_APOLOGIES],
    buckPassingCases: flow[F_BUCK_PASSING],
    tasks: {
      assigned: flow[F_TASKS_ASSIGNED],
      openInTerm: backlog[B_TASKS_OPEN_IN_TERM],
      openOverdue: backlog[B_TASKS_OPEN_OVERDUE],
      doneOnTime: flow[F_TASKS_DONE_ON_TIME],
      doneLate: flow[F_TASKS_DONE_LATE],
      noDeadline: backlog[B_TASKS_NO_DEADLINE],
    },
  };
}
