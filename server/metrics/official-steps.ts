/**
 * One processing step (a hold of a dossier by one official) measured against its allotted time, in
 * working time over the injected calendar. Pure.
 *
 * Held time runs from the hand-over to the next hand-over (or the end of processing, or `now`) and
 * leaves out the time the dossier waited for the citizen's supplement, as the dossier page does
 * (domain/dossier.ts holdDurations). The allotted time is the working time from the hand-over to the
 * step's due time. Time beyond it accrues from the moment the held time passes the allotted time, so
 * a window (a period, a week) is charged only with the hours of that window: the sum over consecutive
 * windows is the step's whole delay.
 */
import type { Pause, WorkCalendar } from '../domain/types.js';

/** A step as the officials' queries select it; instants in epoch ms. */
export interface StepFacts {
  dossierId: string;
  idx: number;
  /** The dossier's unit or department code (null: not received yet). */
  unit: string | null;
  handlerId: string;
  handlerName: string;
  /** The handler's own unit or department code. */
  handlerUnit: string;
  fromAt: number;
  /** null while held. */
  toAt: number | null;
  stepDueAt: number | null;
  /** The dossier's field (lĩnh vực); '' when unknown. */
  field: string;
  /** The dossier is open now (meaningful for a step still held). */
  open: boolean;
  /** The dossier is overdue now. */
  overdue: boolean;
  /** The dossier's supplement pauses; empty when it had none. */
  pauses: readonly Pause[];
}

export interface Window {
  from: number;
  to: number;
}

/** What one step contributes to a window. */
export interface StepMeasure {
  /** Finished within the window. */
  done: boolean;
  /** Has an allotted time. */
  timed: boolean;
  /** Finished in the window within its allotted time (false when not finished in it or not timed). */
  within: boolean;
  /** Working ms held beyond the allotted time inside the window (up to `now`). */
  beyondMs: number;
  /** Working ms held in all, up to its end or `now`. */
  heldMs: number;
  /** Working ms allotted; null without a step due time. */
  allottedMs: number | null;
}

/** Working ms of the dossier's supplement pauses within [from, until). */
function pausedMs(pauses: readonly Pause[], from: number, until: number, calendar: WorkCalendar): number {
  let total = 0;
  for (const p of pauses) {
    const a = p.from > from ? p.from : from;
    const b = p.to === null || p.to > until ? until : p.to;
    if (b > a) total += calendar.workingMsBetween(a, b);
  }
  return total;
}

/** Working ms the step had been held at instant `t` (clamped to its span), supplement waits left out. */
export function heldMsAt(s: StepFacts, t: number, calendar: WorkCalendar): number {
  if (t <= s.fromAt) return 0;
  const pauses = s.pauses.length ? pausedMs(s.pauses, s.fromAt, t, calendar) : 0;
  return calendar.workingMsBetween(s.fromAt, t) - pauses;
}

/** Working ms allotted to the step; null without a step due time (never negative). */
export function allottedMsOf(s: StepFacts, calendar: WorkCalendar): number | null {
  return s.stepDueAt === null ? null : Math.max(0, calendar.workingMsBetween(s.fromAt, s.stepDueAt));
}

/** Measures a step against window `w`, at city time `now` (a step still held counts up to now). */
export function measureStep(s: StepFacts, w: Window, now: number, calendar: WorkCalendar): StepMeasure {
  const end = s.toAt ?? now;
  const allottedMs = allottedMsOf(s, calendar);
  const heldMs = heldMsAt(s, end, calendar);
  const done = s.toAt !== null && s.toAt >= w.from && s.toAt < w.to;
  let beyondMs = 0;
  if (allottedMs !== null) {
    const a = Math.max(s.fromAt, w.from);
    const b = Math.min(end, w.to, now);
    if (b > a) {
      // Beyond-time accrued by an instant is max(0, held − allotted): its growth over [a, b).
      const before = Math.max(0, heldMsAt(s, a, calendar) - allottedMs);
      const after = Math.max(0, (b === end ? heldMs : heldMsAt(s, b, calendar)) - allottedMs);
      beyondMs = after - before;
    }
  }
  return { done, timed: allottedMs !== null, within: done && allottedMs !== null && heldMs <= allottedMs, beyondMs, heldMs, allottedMs };
}

/** Whether a step can touch window `w`: held at some instant of it (before `now`). */
export function touchesWindow(s: StepFacts, w: Window, now: number): boolean {
  return s.fromAt < Math.min(w.to, now + 1) && (s.toAt === null || s.toAt >= w.from);
}
