/**
 * Officials' scorecards and weekly trends from their steps (official-steps.ts). Pure: steps, a
 * window, `now` and the calendar in; plain values out.
 *
 * A city-wide read aggregates every official once per window, split by the field of the dossiers
 * (so a field filter is a lookup, not another scan); a list is then cut from it (official-list.ts).
 */
import { MS_PER_DAY, MS_PER_HOUR, dayKeyOfIndex, vnDayIndex, vnWeekStart } from '../domain/time.js';
import type { WorkCalendar } from '../domain/types.js';
import type { OfficialScorecard, OfficialWeek } from '../../shared/contract/officials.js';
import { median } from './breakdowns.js';
import { measureStep, touchesWindow, type StepFacts, type Window } from './official-steps.js';

/** Running totals of one official's steps (of one field's dossiers) over a window. */
export interface ScoreAcc {
  stepsDone: number;
  stepsTimed: number;
  stepsWithin: number;
  beyondMs: number;
  /** Hours beyond allotted time in the window, one per step that had any. */
  beyondHours: number[];
  /** Hours held, one per step finished in the window. */
  heldHours: number[];
  holdingNow: number;
  overdueHeldNow: number;
  buckPassingCases: number;
  reminders: number;
  explanationRequests: number;
}

/** One official over a window: who they are (from their latest step) and their totals per field. */
export interface OfficialAggregate {
  id: string;
  name: string;
  unit: string;
  /** Hand-over time of the step the name and unit were read from (the latest wins). */
  seenAt: number;
  byField: Map<string, ScoreAcc>;
}

/** What is counted for an official besides their steps. */
export type AttributedKind = 'buckPassingCases' | 'reminders' | 'explanationRequests';

/**
 * One thing counted for an official over a window, by one rule each:
 * - `buckPassingCases`: a case of the case store they were a party to, whose last hand-over is in the window;
 * - `reminders` / `explanationRequests`: a request sent in the window while they held the dossier (its
 *   holder stored when sent).
 * `field` is the dossier's field ('' without one).
 */
export interface Attributed {
  kind: AttributedKind;
  handlerId: string;
  handlerName: string;
  handlerUnit: string;
  field: string;
}

export function emptyAcc(): ScoreAcc {
  return {
    stepsDone: 0,
    stepsTimed: 0,
    stepsWithin: 0,
    beyondMs: 0,
    beyondHours: [],
    heldHours: [],
    holdingNow: 0,
    overdueHeldNow: 0,
    buckPassingCases: 0,
    reminders: 0,
    explanationRequests: 0,
  };
}

const hours = (ms: number) => ms / MS_PER_HOUR;
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** Adds one step's measures (for window `w`) to an accumulator. */
function addStep(acc: ScoreAcc, s: StepFacts, w: Window, now: number, calendar: WorkCalendar): void {
  const m = measureStep(s, w, now, calendar);
  if (m.done) {
    acc.stepsDone++;
    acc.heldHours.push(hours(m.heldMs));
    if (m.timed) acc.stepsTimed++;
    if (m.within) acc.stepsWithin++;
  }
  if (m.beyondMs > 0) {
    acc.beyondMs += m.beyondMs;
    acc.beyondHours.push(hours(m.beyondMs));
  }
  if (s.toAt === null && s.open) {
    acc.holdingNow++;
    if (s.overdue) acc.overdueHeldNow++;
  }
}

/**
 * Every official's totals over window `w`, per field of the dossiers, added a dossier's steps at a time
 * (steps in order, so a city-wide read streams dossier by dossier, from a file or a database's pages)
 * and the cases and requests counted for them. Steps that do not touch the window are skipped.
 */
export function officialsAggregation(w: Window, now: number, calendar: WorkCalendar) {
  const officials = new Map<string, OfficialAggregate>();
  // Name and unit come from the latest step; a case or request names an official with no step in the window only.
  const accOf = (who: { handlerId: string; handlerName: string; handlerUnit: string; fromAt?: number }, field: string): ScoreAcc => {
    const seenAt = who.fromAt ?? -Infinity;
    let o = officials.get(who.handlerId);
    if (!o) {
      o = { id: who.handlerId, name: who.handlerName, unit: who.handlerUnit, seenAt, byField: new Map() };
      officials.set(who.handlerId, o);
    } else if (seenAt > o.seenAt) {
      Object.assign(o, { name: who.handlerName, unit: who.handlerUnit, seenAt });
    }
    let acc = o.byField.get(field);
    if (!acc) o.byField.set(field, (acc = emptyAcc()));
    return acc;
  };
  return {
    addSteps(steps: readonly StepFacts[]): void {
      for (const s of steps) if (touchesWindow(s, w, now)) addStep(accOf(s, s.field), s, w, now, calendar);
    },
    addAttributed(attributed: readonly Attributed[]): void {
      for (const a of attributed) accOf(a, a.field)[a.kind]++;
    },
    officials,
  };
}

/** officialsAggregation over `dossiers` (one array of steps per dossier), then `attributed`. */
export function aggregateOfficials(
  dossiers: Iterable<readonly StepFacts[]>,
  attributed: readonly Attributed[],
  w: Window,
  now: number,
  calendar: WorkCalendar,
): Map<string, OfficialAggregate> {
  const agg = officialsAggregation(w, now, calendar);
  for (const steps of dossiers) agg.addSteps(steps);
  agg.addAttributed(attributed);
  return agg.officials;
}

/** One accumulator of several (an official's fields together). */
export function mergeAccs(accs: Iterable<ScoreAcc>): ScoreAcc {
  const out = emptyAcc();
  for (const a of accs) {
    out.stepsDone += a.stepsDone;
    out.stepsTimed += a.stepsTimed;
    out.stepsWithin += a.stepsWithin;
    out.beyondMs += a.beyondMs;
    for (const h of a.beyondHours) out.beyondHours.push(h);
    for (const h of a.heldHours) out.heldHours.push(h);
    out.holdingNow += a.holdingNow;
    out.overdueHeldNow += a.overdueHeldNow;
    out.buckPassingCases += a.buckPassingCases;
    out.reminders += a.reminders;
    out.explanationRequests += a.explanationRequests;
  }
  return out;
}

/** The wire scorecard of an accumulator: shares, hours to one decimal, medians. */
export function toScorecard(a: ScoreAcc): OfficialScorecard {
  return {
    stepsDone: a.stepsDone,
    stepsTimed: a.stepsTimed,
    stepsWithin: a.stepsWithin,
    withinShare: a.stepsTimed ? a.stepsWithin / a.stepsTimed : null,
    beyondHours: round1(hours(a.beyondMs)) as number,
    stepsBeyond: a.beyondHours.length,
    beyondHoursMedian: round1(median(a.beyondHours)),
    heldHoursMedian: round1(median(a.heldHours)),
    holdingNow: a.holdingNow,
    overdueHeldNow: a.overdueHeldNow,
    buckPassingCases: a.buckPassingCases,
    reminders: a.reminders,
    explanationRequests: a.explanationRequests,
  };
}

/** An official's scorecards over a window: all their steps, and per field of the dossiers. */
export interface OfficialCard {
  id: string;
  name: string;
  /** Their own unit or department code. */
  unit: string;
  all: OfficialScorecard;
  byField: Map<string, OfficialScorecard>;
}

/** Scorecards of every aggregated official (computed once per window, then cut into lists). */
export function toOfficialCards(officials: Map<string, OfficialAggregate>): OfficialCard[] {
  return [...officials.values()].map((o) => ({
    id: o.id,
    name: o.name,
    unit: o.unit,
    all: toScorecard(mergeAccs(o.byField.values())),
    byField: new Map([...o.byField].map(([field, acc]) => [field, toScorecard(acc)])),
  }));
}

/** The last `count` working weeks (Monday 00:00 to Monday 00:00, Vietnam time) up to the one holding `now`, oldest first. */
export function lastWeeks(now: number, count: number): Window[] {
  const thisWeek = vnWeekStart(now);
  const weeks: Window[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const from = thisWeek - k * 7 * MS_PER_DAY;
    weeks.push({ from, to: from + 7 * MS_PER_DAY });
  }
  return weeks;
}

/**
 * One official's weekly trend over `weeks`: steps finished each week, the share finished within their
 * allotted time, and the hours held beyond allotted time during that week (the current week up to now).
 */
export function weeklyTrend(steps: readonly StepFacts[], weeks: readonly Window[], now: number, calendar: WorkCalendar): OfficialWeek[] {
  return weeks.map((w) => {
    const acc = emptyAcc();
    for (const s of steps) if (touchesWindow(s, w, now)) addStep(acc, s, w, now, calendar);
    return {
      weekStart: dayKeyOfIndex(vnDayIndex(w.from)),
      stepsDone: acc.stepsDone,
      stepsTimed: acc.stepsTimed,
      stepsWithin: acc.stepsWithin,
      withinShare: acc.stepsTimed ? acc.stepsWithin / acc.stepsTimed : null,
      beyondHours: round1(hours(acc.beyondMs)) as number,
    };
  });
}
