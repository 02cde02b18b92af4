import type { WorkCalendar } from '../domain/types.js';
import { vnDayIndex, dayKeyOfIndex } from '../domain/time.js';
import type { BreakdownRow, OfficialRow, TrendPoint } from '../../shared/contract/api.js';

/** Median of a list of numbers (null when empty); sorts a copy. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** DVCQG rate: on time ÷ (on time + late + overdue now); null when nothing to judge. */
export function onTimeRate(onTime: number, late: number, overdue: number): number | null {
  const d = onTime + late + overdue;
  return d ? onTime / d : null;
}

/** Counts of one breakdown group (field, procedure), as the read repository groups them: a BreakdownRow without its rates. */
export type BreakdownCounts = Omit<BreakdownRow, 'onTimeRate' | 'processingDaysMedian'>;

/** Adds rates and medians to grouped counts; worst (most overdue, then lowest rate) first. */
export function toBreakdownRows(rows: BreakdownCounts[], processingDaysByKey: Map<string, number[]>): BreakdownRow[] {
  return rows
    .map((r) => ({
      ...r,
      onTimeRate: onTimeRate(r.finishedOnTime, r.finishedLate, r.overdue),
      processingDaysMedian: round1(median(processingDaysByKey.get(r.key) ?? [])),
    }))
    .sort((a, b) => b.overdue - a.overdue || (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1) || a.key.localeCompare(b.key));
}

/** One hold (a step of a dossier with one official), as the read repository selects it; instants in epoch ms, `open`/`overdue` 0 or 1. */
export interface HoldInput {
  dossierId: string;
  idx: number;
  handlerId: string;
  handlerName: string;
  handlerUnit: string;
  fromAt: number;
  toAt: number | null;
  stepDueAt: number | null;
  open: number;
  overdue: number;
}

/**
 * One official's holds of a view, counted: the read repository aggregates them in SQL (officialTotals,
 * one row per official, no object per hold); foldHoldTotals counts them from the holds, the same way.
 * Ordered by each official's first hold in (dossier, step) order; name and unit are that hold's.
 */
export interface OfficialHoldTotals {
  id: string;
  name: string;
  unit: string;
  /** Holds of the view (each makes its official a row, whether or not it counts below). */
  holds: number;
  holdingNow: number;
  overdueHeldNow: number;
  /** Steps finished in the window; of those, with an allotted time, and finished within it. */
  stepsDone: number;
  stepsTimed: number;
  stepsOnTime: number;
  /** Start and end (epoch ms) of each step finished in the window, pairwise, for the median holding time. */
  doneFrom: number[];
  doneTo: number[];
}

/** Counts the holds of a view (ordered by dossier, then step) per official, for the window. */
export function foldHoldTotals(holds: readonly HoldInput[], window: { from: number; to: number }): OfficialHoldTotals[] {
  const byOfficial = new Map<string, OfficialHoldTotals>();
  for (const h of holds) {
    let o = byOfficial.get(h.handlerId);
    if (!o) {
      const counts = { holds: 0, holdingNow: 0, overdueHeldNow: 0, stepsDone: 0, stepsTimed: 0, stepsOnTime: 0 };
      o = { id: h.handlerId, name: h.handlerName, unit: h.handlerUnit, ...counts, doneFrom: [], doneTo: [] };
      byOfficial.set(h.handlerId, o);
    }
    o.holds++;
    if (h.toAt === null) {
      if (h.open) {
        o.holdingNow++;
        if (h.overdue) o.overdueHeldNow++;
      }
    } else if (h.toAt >= window.from && h.toAt < window.to) {
      o.stepsDone++;
      o.doneFrom.push(h.fromAt);
      o.doneTo.push(h.toAt);
      if (h.stepDueAt !== null) {
        o.stepsTimed++;
        if (h.toAt <= h.stepDueAt) o.stepsOnTime++;
      }
    }
  }
  return [...byOfficial.values()];
}

/**
 * The scorecards of counted officials: share of timed steps finished within their allotted time,
 * median working days held, and the buck-passing cases they were involved in (`casesByOfficial`:
 * cases whose last hand-over fell in the window, domain/buck-passing.ts); most overdue held first.
 */
export function scorecardsOfTotals(
  totals: readonly OfficialHoldTotals[],
  calendar: WorkCalendar,
  casesByOfficial: ReadonlyMap<string, number> = new Map(),
): OfficialRow[] {
  const perDay = calendar.workingMsPerDay;
  return totals
    .map((t) => ({
      id: t.id,
      name: t.name,
      unit: t.unit,
      holdingNow: t.holdingNow,
      overdueHeldNow: t.overdueHeldNow,
      stepsDone: t.stepsDone,
      stepOnTimeShare: t.stepsTimed ? t.stepsOnTime / t.stepsTimed : null,
      medianHoldDays: round1(median(t.doneFrom.map((from, i) => calendar.workingMsBetween(from, t.doneTo[i]) / perDay))),
      buckPassingCases: casesByOfficial.get(t.id) ?? 0,
    }))
    .sort(
      (a, b) =>
        b.overdueHeldNow - a.overdueHeldNow ||
        b.buckPassingCases - a.buckPassingCases ||
        b.holdingNow - a.holdingNow ||
        a.name.localeCompare(b.name),
    );
}

/**
 * Scorecards per official from the holds of their dossiers (ordered by dossier, then step):
 * what they hold now and how much of it is overdue, steps finished in the window and how many within
 * the allotted time, median holding time, and the buck-passing cases they were involved in.
 */
export function officialScorecards(
  holds: HoldInput[],
  window: { from: number; to: number },
  calendar: WorkCalendar,
  casesByOfficial: ReadonlyMap<string, number> = new Map(),
): OfficialRow[] {
  return scorecardsOfTotals(foldHoldTotals(holds, window), calendar, casesByOfficial);
}

/**
 * Daily trend for the last `days` VN days up to today: flows per day, and the overdue backlog at the end
 * of each day (today: now) from the dossiers' overdue spans (domain/overdue-spans.ts, the live count's
 * definition), with a difference array (one pass, no per-day scan).
 */
export function dailyTrend(
  flows: { day: number; received: number; onTime: number; late: number }[],
  spans: { from: number; to: number | null }[],
  now: number,
  days = 30,
): TrendPoint[] {
  const today = vnDayIndex(now);
  const first = today - days + 1;
  const diff = new Array<number>(days + 1).fill(0);
  for (const s of spans) {
    const start = Math.max(first, vnDayIndex(s.from));
    // Overdue at the end of day D iff the span began by then and had not ended (it ends on a later day).
    const last = s.to === null ? today : Math.min(today, vnDayIndex(s.to) - 1);
    if (last < start) continue;
    diff[start - first]++;
    diff[last - first + 1]--;
  }
  const flowByDay = new Map(flows.map((f) => [f.day, f]));
  const out: TrendPoint[] = [];
  let backlog = 0;
  for (let i = 0; i < days; i++) {
    backlog += diff[i];
    const f = flowByDay.get(first + i);
    const onTime = f?.onTime ?? 0;
    const late = f?.late ?? 0;
    out.push({
      date: dayKeyOfIndex(first + i),
      received: f?.received ?? 0,
      finishedOnTime: onTime,
      finishedLate: late,
      overdueBacklog: backlog,
      // Daily rate among dossiers finished that day (the period rate with the backlog is in the KPIs).
      onTimeRate: onTime + late ? onTime / (onTime + late) : null,
    });
  }
  return out;
}

function round1(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10) / 10;
}
