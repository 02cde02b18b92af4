/**
 * Adding (sign +1) or taking away (−1) one footprint to a scope's counters: its backlog flags, the
 * open overdue dossiers by the day their lateness began, and its flow facts in the day and month
 * buckets. Pure arithmetic over the engine's structures; the engine decides which scopes.
 */
import {
  B_AWAITING_SUPPLEMENT,
  B_DUE_SOON,
  B_IN_PROGRESS,
  B_OVERDUE,
  B_TASKS_NO_DEADLINE,
  B_TASKS_OPEN_IN_TERM,
  B_TASKS_OPEN_OVERDUE,
  F_APOLOGIES,
  F_BUCK_PASSING,
  F_INDEX_BITS,
  F_RECEIVED,
  F_SATISFACTION_BAD,
  INDEX_COUNTED_BITS,
  F_RECEIVED_ONLINE,
  F_TASKS_ASSIGNED,
  F_TASKS_DONE_LATE,
  F_TASKS_DONE_ON_TIME,
  outcomeCounter,
} from './counters.js';
import type { FlowBuckets, ScopeState } from './flow-buckets.js';
import type { DossierFootprint, TaskFootprint } from './footprint.js';
import type { DayRange } from './periods.js';

export function addDossierFootprint(flows: FlowBuckets, s: ScopeState, fp: DossierFootprint, sign: number): void {
  const backlog = s.backlog;
  if (fp.inProgress) backlog[B_IN_PROGRESS] += sign;
  if (fp.overdue) backlog[B_OVERDUE] += sign;
  if (fp.overdueDay !== null) {
    const n = (s.overdueByDay.get(fp.overdueDay) ?? 0) + sign;
    if (n === 0) s.overdueByDay.delete(fp.overdueDay);
    else s.overdueByDay.set(fp.overdueDay, n);
  }
  if (fp.dueSoon) backlog[B_DUE_SOON] += sign;
  if (fp.awaitingSupplement) backlog[B_AWAITING_SUPPLEMENT] += sign;
  if (fp.receivedDay !== null) {
    flows.add(s, fp.receivedDay, F_RECEIVED, fp.online ? F_RECEIVED_ONLINE : -1, -1, sign);
    // A dossier's cases count on its receipt day, as many as it has.
    if (fp.buckPassingCases > 0) flows.add(s, fp.receivedDay, F_BUCK_PASSING, -1, -1, sign * fp.buckPassingCases);
    addIndexFacts(flows, s, fp.receivedDay, fp.indexBits, fp.satisfactionBad, sign);
  }
  if (fp.endDay !== null && fp.outcome !== null) {
    flows.add(s, fp.endDay, outcomeCounter(fp.outcome), -1, fp.processingBin ?? -1, sign);
  }
  for (const day of fp.apologyDays) flows.add(s, day, F_APOLOGIES, -1, -1, sign);
}

/** A dossier's national service index facts on its day of receipt (`count` dossiers alike, signed). */
export function addIndexFacts(flows: FlowBuckets, s: ScopeState, day: number, bits: number, satisfactionBad: boolean, count: number): void {
  if (bits === 0) return; // nothing known: nothing counted (satisfaction needs its complaint bit)
  for (let k = 0; k < INDEX_COUNTED_BITS; k++) if ((bits >> k) & 1) flows.add(s, day, F_INDEX_BITS + k, -1, -1, count);
  if (satisfactionBad) flows.add(s, day, F_SATISFACTION_BAD, -1, -1, count);
}

/** addIndexFacts for a restart's bulk load (FlowBuckets.addDeferred: the scope's own buckets only). */
export function addIndexFactsDeferred(
  flows: FlowBuckets,
  s: ScopeState,
  day: number,
  bits: number,
  satisfactionBad: boolean,
  count: number,
): void {
  for (let k = 0; k < INDEX_COUNTED_BITS; k++) if ((bits >> k) & 1) flows.addDeferred(s, day, F_INDEX_BITS + k, -1, -1, count);
  if (satisfactionBad) flows.addDeferred(s, day, F_SATISFACTION_BAD, -1, -1, count);
}

export function addTaskFootprint(flows: FlowBuckets, s: ScopeState, fp: TaskFootprint, sign: number): void {
  const backlog = s.backlog;
  if (fp.openInTerm) backlog[B_TASKS_OPEN_IN_TERM] += sign;
  if (fp.openOverdue) backlog[B_TASKS_OPEN_OVERDUE] += sign;
  if (fp.noDeadline) backlog[B_TASKS_NO_DEADLINE] += sign;
  if (fp.assignedDay !== null) flows.add(s, fp.assignedDay, F_TASKS_ASSIGNED, -1, -1, sign);
  if (fp.completedDay !== null) {
    const counter = fp.completedOnTime ? F_TASKS_DONE_ON_TIME : F_TASKS_DONE_LATE;
    flows.add(s, fp.completedDay, counter, -1, -1, sign);
  }
}

/** Open overdue dossiers of a scope whose lateness began on a day of the range. */
export function overdueBetween(s: ScopeState, days: DayRange): number {
  let n = 0;
  for (const [day, count] of s.overdueByDay) if (day >= days.fromDay && day < days.toDay) n += count;
  return n;
}
