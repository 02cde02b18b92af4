/**
 * A directive task's whole life, decided when it is assigned, from its own seed: the deadline (or
 * none), an extension, progress reports, and how it ends (done on time or late, cancelled, never).
 */

import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, vnDayIndex } from '../domain/time.js';
import type { SimUnit } from './city-model.js';
import { injectTaskFault, type InjectedFaultKind } from './faults.js';
import { Random } from './random.js';
import { floorSecond, type SimCalendar } from './sim-calendar.js';
import { TASK_EXTENSION_REASONS, TASK_PROGRESS_NOTES } from './texts.js';
import type { WireTaskEventType } from './wire.js';
import type { WireEncoder } from './wire-encode.js';

/** A task as drawn on arrival; `id`, `ord` are set when it is numbered, `dueWire` when planned. */
export interface TaskRun {
  /** Arrival order (shared with dossiers): the ordering key's high part. */
  ord: number;
  at: number;
  id: string;
  assignee: SimUnit;
  seed: number;
  title: string;
  issuer: string;
  document: { number: string; date: string };
  assigneeCode: string;
  dueWire: string | undefined;
}

/** One planned task event. */
export interface TaskPlanItem {
  at: number;
  /** The instant written into `at` on the wire (differs only for injected faults). */
  wireAt: number;
  type: WireTaskEventType;
  due?: number;
  dueAsDate?: boolean;
  reason?: string;
  note?: string;
  percent?: number;
  fault?: InjectedFaultKind;
}

/** What planning a task needs from the generator. */
export interface TaskPlanContext {
  cal: SimCalendar;
  wire: WireEncoder;
  /** Share of events made deliberately bad. */
  badEventRate: number;
  knownCodes: ReadonlySet<string>;
}

/** Plans a task's events in emission order (ascending instants); may rewrite `run` for a fault. */
export function planTask(ctx: TaskPlanContext, run: TaskRun): TaskPlanItem[] {
  const { cal, wire } = ctx;
  const calendar = cal.calendar;
  const perDay = cal.perDay;
  const rng = new Random(run.seed);
  const u = run.assignee;
  const t0 = run.at;
  const assigned: TaskPlanItem = { at: t0, wireAt: t0, type: 'assigned' };
  const plan: TaskPlanItem[] = [assigned];
  const dueAsDate = rng.chance(0.5); // deadlines are often written as "trước ngày 30/11"
  const hasDue = rng.chance(0.85);
  let dueEff: number | null = null;
  if (hasDue) {
    const days = rng.pick([5, 7, 10, 10, 15, 15, 20, 30]);
    const due = calendar.addWorkingDays(t0, days);
    dueEff = dueAsDate ? cal.endOfDay(due) : due;
    run.dueWire = dueAsDate ? cal.dayKey(vnDayIndex(due)) : wire.iso(floorSecond(due));
  }
  const x = rng.next();
  let endAt: number | null = null;
  let endType: 'completed' | 'cancelled' = 'completed';
  if (dueEff === null) {
    if (rng.chance(0.7)) endAt = calendar.addWorkingMs(t0, rng.range(3, 40) * perDay);
  } else if (x < 0.02) {
    endType = 'cancelled';
    endAt = calendar.addWorkingMs(t0, calendar.workingMsBetween(t0, dueEff) * rng.range(0.1, 0.6));
  } else if (x < 0.02 + (u.chronicallyLate ? 0.15 : 0.04)) {
    // Never done: stays open and overdue.
    endAt = null;
  } else {
    if (rng.chance(0.12)) {
      // An approved extension moves the deadline in force.
      const D = calendar.workingMsBetween(t0, dueEff);
      const at = calendar.addWorkingMs(t0, Math.max(MS_PER_HOUR, D - rng.range(0.5, 3) * perDay));
      const newDue = calendar.addWorkingDays(dueEff, rng.int(5, 15));
      dueEff = dueAsDate ? cal.endOfDay(newDue) : newDue;
      const jitter = rng.range(0, 50) * MS_PER_MINUTE;
      add(plan, at + jitter, 'extended', { due: newDue, reason: rng.pick(TASK_EXTENSION_REASONS) });
    }
    const D = calendar.workingMsBetween(t0, dueEff);
    endAt = rng.chance(u.taskLateRate)
      ? calendar.addWorkingMs(dueEff, Math.min(60 * perDay, Math.max(0.5 * perDay, rng.logNormal(3 * perDay, 0.8))))
      : calendar.addWorkingMs(t0, D * rng.range(0.3, 0.97));
  }
  addProgressReports(cal, rng, plan, t0, endAt ?? (dueEff !== null ? dueEff + 10 * MS_PER_DAY : t0 + 30 * MS_PER_DAY));
  if (endAt !== null) {
    add(plan, endAt, endType, endType === 'cancelled' ? { reason: 'Nội dung đã được giao trong văn bản khác' } : {});
  }
  // Emitted ascending; extension and reports are placed before the end by construction.
  plan.sort((a, b) => a.at - b.at);
  if (ctx.badEventRate > 0 && rng.chance(ctx.badEventRate * plan.length)) injectTaskFault(run, plan, rng, ctx.knownCodes);
  for (const item of plan) if (item.type === 'extended') item.dueAsDate = dueAsDate;
  return plan;
}

/** Appends an event at a whole second. */
function add(plan: TaskPlanItem[], at: number, type: WireTaskEventType, extra: Partial<TaskPlanItem>): void {
  const t = floorSecond(at);
  const item: TaskPlanItem = { at: t, wireAt: t, type };
  Object.assign(item, extra);
  plan.push(item);
}

/** Up to three progress reports between the assignment and `horizon` (the end, or past the deadline). */
function addProgressReports(cal: SimCalendar, rng: Random, plan: TaskPlanItem[], t0: number, horizon: number): void {
  const perDay = cal.perDay;
  const spanW = cal.calendar.workingMsBetween(t0, horizon);
  const reports = Math.min(3, rng.int(0, Math.max(0, Math.round(spanW / (5 * perDay)))));
  let percent = 0;
  for (let i = 1; i <= reports; i++) {
    const frac = (i / (reports + 1)) * rng.range(0.8, 1);
    percent = Math.max(percent + 5, Math.round(frac * 100 * rng.range(0.7, 1)));
    add(plan, cal.calendar.addWorkingMs(t0, spanW * frac), 'progress_reported', {
      note: rng.pick(TASK_PROGRESS_NOTES),
      percent: Math.min(95, percent),
    });
  }
}
