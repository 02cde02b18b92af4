/**
 * Early warning (Cảnh báo sớm, DOMAIN.md › Accountability): which open dossiers and tasks are at risk
 * of being late, and a colour for each. Pure: state, instant, calendar and settings in.
 *
 * Dossiers (settings.accountability: X = atRiskDueWithinWorkingHours, Y = atRiskIdleWorkingHours):
 * - **at risk**: open, the clock running (in progress: not waiting for the citizen's supplement), not
 *   overdue, due within X working hours (working time from now to the due time ≤ X) and no event for
 *   Y working hours (working time since its latest event ≥ Y). Time alone makes a dossier at risk: from
 *   max(due − X working hours, latest event + Y working hours) until its due time (atRiskFrom).
 * - **colour**:
 *   red, will miss: overdue already (past due, or the two-supplements rule: overdue-spans.ts), or no
 *     office hour left before its due time (at 17:10 for one due at 23:59 that day; on a Saturday for one
 *     due on Sunday) — nobody at the office can finish it in time;
 *   orange, at risk (the rule above);
 *   grey, cannot be judged yet: waiting for the citizen's supplement (the due date moves when it comes back);
 *   green, on track: everything else (not due soon, or due soon and worked on recently).
 * - **listed** in the early-warning list: open, not overdue, the due date in force between now and
 *   X working hours from now (waiting ones included, grey).
 *
 * Tasks (taskAtRiskDueWithinDays D, taskAtRiskIdleDays I, taskUpdateWindowDays U; working days of the
 * calendar's working-day length): at risk when open, not overdue, due within D working days and no
 * progress report in the last I working days (never reported counts as none); red when past the deadline
 * or no office hour is left before it; grey without a deadline. An open task is **updated** when it has a
 * progress report within the last U working days (the status-update rate's numerator).
 */
import type { WarningReason, WarningStatus } from '../../shared/contract/early-warning.js';
import type { DossierContext } from './dossier.js';
import { isOverdueAt, overdueSpans } from './overdue-spans.js';
import { MS_PER_HOUR } from './time.js';
import type { DomainSettings, DossierState, TaskState, WorkCalendar } from './types.js';

export type { WarningReason, WarningStatus } from '../../shared/contract/early-warning.js';

/** How an open dossier stands for the early warning at an instant. */
export interface DossierWarning {
  status: WarningStatus;
  reason: WarningReason;
  /** The at-risk rule holds. */
  atRisk: boolean;
  /** In the early-warning list: not overdue, due between now and X working hours from now. */
  listed: boolean;
  /** Working ms from now to the due time in force (negative once it has passed). */
  workingMsLeft: number;
  /** Working ms since the latest event. */
  idleWorkingMs: number;
}

const isOpenDossier = (s: DossierState): boolean => s.receivedAt !== null && s.unit !== null && s.endAt === null && s.dueAt !== null;

/** X and Y of the at-risk rule, in working ms. */
function dossierRule(settings: DomainSettings): { dueWithinMs: number; idleMs: number } {
  const a = settings.accountability;
  return { dueWithinMs: a.atRiskDueWithinWorkingHours * MS_PER_HOUR, idleMs: a.atRiskIdleWorkingHours * MS_PER_HOUR };
}

/**
 * The instant (epoch ms) from which an open dossier is at risk if nothing happens — max(due − X working
 * hours, latest event + Y working hours), as long as that is not after its due time — or null when it
 * never will be with no event (waiting for a supplement, overdue by the two-supplements rule, the rule
 * off with X = 0, or idle only after its due time). It may lie in the past: at risk already.
 */
export function atRiskFrom(state: DossierState, ctx: DossierContext): number | null {
  const { dueWithinMs, idleMs } = dossierRule(ctx.settings);
  if (!isOpenDossier(state) || state.bucket !== 'in_progress' || state.supplementRequests > 1 || dueWithinMs <= 0) return null;
  const due = state.dueAt as number;
  // addWorkingMs gives the earliest instant with that working-clock reading: exactly where each condition starts to hold.
  const dueSoonFrom = ctx.calendar.addWorkingMs(due, -dueWithinMs);
  const idleFrom = idleMs > 0 ? ctx.calendar.addWorkingMs(state.lastEventAt, idleMs) : state.lastEventAt;
  const from = Math.max(dueSoonFrom, idleFrom);
  return from <= due ? from : null;
}

/** Whether the at-risk rule holds at `now`. */
export function isAtRisk(state: DossierState, now: number, ctx: DossierContext): boolean {
  return atRiskAt(state, now, ctx).atRisk;
}

/**
 * The next instant after `now` at which isAtRisk changes with no event: its start, or its end (the
 * instant after the due time, when the dossier turns overdue); null when it never changes.
 */
export function nextAtRiskChange(state: DossierState, now: number, ctx: DossierContext): number | null {
  return atRiskAt(state, now, ctx).nextChange;
}

/** isAtRisk, nextAtRiskChange and atRiskFrom at once (each costs calendar arithmetic; the live index needs all three). */
export function atRiskAt(
  state: DossierState,
  now: number,
  ctx: DossierContext,
): { from: number | null; atRisk: boolean; nextChange: number | null } {
  const from = atRiskFrom(state, ctx);
  if (from === null) return { from, atRisk: false, nextChange: null };
  const due = state.dueAt as number;
  if (now < from) return { from, atRisk: false, nextChange: from };
  return now <= due ? { from, atRisk: true, nextChange: due + 1 } : { from, atRisk: false, nextChange: null };
}

/** The early-warning colour, reason and list membership of a dossier at `now`; null unless it is open. */
export function dossierWarning(state: DossierState, now: number, ctx: DossierContext): DossierWarning | null {
  if (!isOpenDossier(state)) return null;
  const { calendar } = ctx;
  const { dueWithinMs } = dossierRule(ctx.settings);
  const due = state.dueAt as number;
  const workingMsLeft = calendar.workingMsBetween(now, due);
  const idleWorkingMs = calendar.workingMsBetween(state.lastEventAt, now);
  const base = { workingMsLeft, idleWorkingMs };
  if (isOverdueAt(overdueSpans(state), now)) return { ...base, status: 'red', reason: 'overdue', atRisk: false, listed: false };
  const listed = due >= now && workingMsLeft <= dueWithinMs;
  if (state.bucket === 'awaiting_supplement') return { ...base, status: 'grey', reason: 'awaiting_supplement', atRisk: false, listed };
  const atRisk = isAtRisk(state, now, ctx);
  if (workingMsLeft <= 0) return { ...base, status: 'red', reason: 'no_time_left', atRisk, listed };
  if (atRisk) return { ...base, status: 'orange', reason: 'idle', atRisk, listed };
  return { ...base, status: 'green', reason: listed ? 'active' : 'not_due_soon', atRisk, listed };
}

/** How an open task stands for the early warning at an instant. */
export interface TaskWarning {
  status: WarningStatus;
  reason: WarningReason;
  atRisk: boolean;
  /** In the at-risk task list: not overdue, due between now and D working days from now. */
  listed: boolean;
  /** Working ms from now to the deadline; null without one. */
  workingMsLeft: number | null;
}

/** The early-warning colour of a task at `now`; null unless it is open (assigned, neither completed nor cancelled). */
export function taskWarning(state: TaskState, now: number, calendar: WorkCalendar, settings: DomainSettings): TaskWarning | null {
  if (state.status !== 'open' || state.assignedAt === null || state.assignee === null) return null;
  const due = state.dueAt;
  if (due === null) return { status: 'grey', reason: 'no_deadline', atRisk: false, listed: false, workingMsLeft: null };
  const workingMsLeft = calendar.workingMsBetween(now, due);
  if (now > due) return { status: 'red', reason: 'overdue', atRisk: false, listed: false, workingMsLeft };
  const a = settings.accountability;
  const dueSoon = workingMsLeft <= a.taskAtRiskDueWithinDays * calendar.workingMsPerDay;
  const idle = !taskReportedWithin(state, now, a.taskAtRiskIdleDays, calendar);
  const atRisk = dueSoon && idle;
  const common = { atRisk, listed: dueSoon, workingMsLeft };
  if (workingMsLeft <= 0) return { ...common, status: 'red', reason: 'no_time_left' };
  if (atRisk) return { ...common, status: 'orange', reason: 'idle' };
  return { ...common, status: 'green', reason: dueSoon ? 'active' : 'not_due_soon' };
}

/** Whether the task has a progress report within the last `days` working days before `now`. */
export function taskReportedWithin(state: TaskState, now: number, days: number, calendar: WorkCalendar): boolean {
  const last = state.lastProgressAt;
  return last !== null && calendar.workingMsBetween(last, now) < days * calendar.workingMsPerDay;
}

/**
 * The status-update rate of open tasks (tỷ lệ cập nhật tình hình): how many are open and how many of
 * them have a progress report within the last `taskUpdateWindowDays` working days; rate null with none open.
 */
export function statusUpdateRate(
  tasks: Iterable<TaskState>,
  now: number,
  calendar: WorkCalendar,
  settings: DomainSettings,
): { open: number; updated: number; rate: number | null } {
  const days = settings.accountability.taskUpdateWindowDays;
  let open = 0;
  let updated = 0;
  for (const t of tasks) {
    if (t.status !== 'open' || t.assignedAt === null) continue;
    open += 1;
    if (taskReportedWithin(t, now, days, calendar)) updated += 1;
  }
  return { open, updated, rate: open === 0 ? null : updated / open };
}
