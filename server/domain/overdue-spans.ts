/**
 * When a dossier counts as overdue, as spans of time: the one definition of "overdue at an instant"
 * shared by the live engine (classifyDossier at now) and by the store, which keeps these spans so
 * that SQL can count the overdue backlog as it stood at a past instant (the end of yesterday, of last
 * month…). Pure: state and calendar in, spans out.
 *
 * At an instant t between receipt and the end of processing, a dossier is overdue when
 * - a second supplement request has been made by t (national index rule), or
 * - it is not waiting for the citizen's supplement at t and t is past the due date in force at t.
 * The due date in force is the one set at receipt until the first supplement is returned, then the
 * one set on that return (a source may send a new due date, or the paused time extends it), kept
 * as `dueAtSecondRequest` once a second request comes; from the second request on the rule makes
 * the dossier overdue whatever the dates. A due date a source moves without having asked for a
 * supplement is taken as the due date from receipt on (the state keeps no other history of it).
 */
import { vnDayIndex } from './time.js';
import type { DossierState, WorkCalendar } from './types.js';

/** The due date in force in the stretch after the i-th pause (i = 0: before any pause). */
function dueInForceAfterPause(state: DossierState, i: number): number {
  const due = state.dueAt as number;
  if (state.pauses.length === 0) return due;
  if (i === 0) return state.originalDueAt ?? due;
  return i === 1 && state.pauses.length > 1 ? (state.dueAtSecondRequest ?? due) : due;
}

/** [from, to): overdue at t iff from ≤ t < to; `to` null while still open. */
export interface OverdueSpan {
  from: number;
  to: number | null;
}

/** The instant a second supplement request was made (the two-supplements rule), or null. */
export function supplementRuleAt(state: DossierState): number | null {
  if (state.supplementRequests < 2) return null;
  // States folded before the field existed: the second pause's start, else the first's.
  return state.supplementRuleAt ?? state.pauses[1]?.from ?? state.pauses[0]?.from ?? state.receivedAt;
}

/**
 * The spans during which the dossier counts as overdue, ascending and disjoint, including the one
 * still to come for an open dossier in term ([due + 1, null)): the store keeps them, and a past
 * instant is judged by whether it falls in one. Empty for a dossier not counted (not received,
 * refused at intake, no due date).
 */
export function overdueSpans(state: DossierState): OverdueSpan[] {
  const received = state.receivedAt;
  const due = state.dueAt;
  if (received === null || due === null || state.endKind === 'refused') return [];
  const end = state.endAt ?? Number.POSITIVE_INFINITY;
  const pauses = state.pauses;
  if (pauses.length === 0 && state.supplementRequests < 2) {
    // Nearly every dossier: one stretch, one due date, no rule; what the general case below gives
    // for it, without its arrays and sort (the engine asks this at every event of an overdue dossier).
    const start = Math.max(received, due + 1);
    return start < end ? [{ from: start, to: state.endAt }] : [];
  }
  const raw: [number, number][] = [];
  // Stretches not waiting for the citizen, each with the due date in force during it.
  let from = received;
  for (let i = 0; i <= pauses.length; i++) {
    const p = pauses[i];
    const stretchEnd = p === undefined ? end : Math.min(p.from, end);
    const dueThen = dueInForceAfterPause(state, i);
    const start = Math.max(from, dueThen + 1);
    if (start < stretchEnd) raw.push([start, stretchEnd]);
    if (p === undefined || p.to === null) break;
    from = p.to;
  }
  const rule = supplementRuleAt(state);
  if (rule !== null && rule < end) raw.push([Math.max(rule, received), end]);
  raw.sort((a, b) => a[0] - b[0]);
  const spans: OverdueSpan[] = [];
  for (const [a, b] of raw) {
    const last = spans[spans.length - 1];
    const lastTo = last === undefined ? null : (last.to ?? Number.POSITIVE_INFINITY);
    if (last !== undefined && lastTo !== null && a <= lastTo) {
      if (b > lastTo) last.to = b === Number.POSITIVE_INFINITY ? null : b;
    } else {
      spans.push({ from: a, to: b === Number.POSITIVE_INFINITY ? null : b });
    }
  }
  return spans;
}

/**
 * Whether two states of one dossier agree on everything overdueSpans (and supplementRuleAt) reads,
 * so that their spans are the same without computing them: most events (an assignment, a rating, a
 * step's return) move none of it. Keep it in step with overdueSpans; a test checks the claim on
 * random histories.
 */
export function sameOverdueInputs(a: DossierState, b: DossierState): boolean {
  if (
    a.receivedAt !== b.receivedAt ||
    a.dueAt !== b.dueAt ||
    a.originalDueAt !== b.originalDueAt ||
    a.dueAtSecondRequest !== b.dueAtSecondRequest ||
    a.endAt !== b.endAt ||
    a.endKind !== b.endKind ||
    a.supplementRequests !== b.supplementRequests ||
    a.supplementRuleAt !== b.supplementRuleAt ||
    a.pauses.length !== b.pauses.length
  ) {
    return false;
  }
  for (let i = 0; i < a.pauses.length; i++) {
    if (a.pauses[i].from !== b.pauses[i].from || a.pauses[i].to !== b.pauses[i].to) return false;
  }
  return true;
}

/** Whether the spans hold instant t. */
export function isOverdueAt(spans: readonly OverdueSpan[], t: number): boolean {
  for (const s of spans) if (s.from <= t && (s.to === null || t < s.to)) return true;
  return false;
}

/** The first working instant at or after t (t itself inside office hours). */
export function firstWorkingInstant(t: number, calendar: WorkCalendar): number {
  return calendar.addWorkingMs(t, 1) - 1;
}

/**
 * The Vietnam day a span's lateness began in working time: a dossier due at the end of Friday is
 * overdue from Saturday 00:00, but its first hour of lateness is Monday morning, and that is the day
 * it "became overdue" for the short periods (today, this week). Lateness only accrues in office hours.
 */
export function overdueWorkDay(span: OverdueSpan, calendar: WorkCalendar): number {
  return vnDayIndex(firstWorkingInstant(span.from, calendar));
}

/** The span holding t, if any (the current one when t is now). */
export function spanAt(spans: readonly OverdueSpan[], t: number): OverdueSpan | null {
  for (const s of spans) if (s.from <= t && (s.to === null || t < s.to)) return s;
  return null;
}
