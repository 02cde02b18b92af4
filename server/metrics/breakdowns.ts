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
 * Scorecards per official from the holds of their dossiers (ordered by dossier, then step):
 * what they hold now and how much of it is overdue, steps finished in the window and how many within
 * the allotted time, median holding time, and the buck-passing cases they were involved in
 * (`casesByOfficial`: cases whose last hand-over fell in the window, domain/buck-passing.ts).
 */
export function officialScorecards(
  holds: HoldInput[],
  window: { from: number; to: number },
  calendar: WorkCalendar,
  casesByOfficial: ReadonlyMap<string, number> = new Map(),
): OfficialRow[] {
  const byOfficial = new Map<string, OfficialRow & { holdDays: number[]; timed: number; timedOnTime: number }>();
  const get = (h: HoldInput) => {
    let o = byOfficial.get(h.handlerId);
    if (!o) {
      o = {
        id: h.handlerId,
        name: h.handlerName,
        unit: h.handlerUnit,
        holdingNow: 0,
        overdueHeldNow: 0,
        stepsDone: 0,
        stepOnTimeShare: null,
        medianHoldDays: null,
        buckPassingCases: casesByOfficial.get(h.handlerId) ?? 0,
        holdDays: [],
        timed: 0,
        timedOnTime: 0,
      };
      byOfficial.set(h.handlerId, o);
    }
    return o;
  };
  const perDay = calendar.workingMsPerDay;
  for (let i = 0; i < holds.length; i++) {
    const h = holds[i];
    const o = get(h);
    if (h.toAt === null) {
      if (h.open) {
        o.holdingNow++;
        if (h.overdue) o.overdueHeldNow++;
      }
    } else if (h.toAt >= window.from && h.toAt < window.to) {
      o.stepsDone++;
      o.holdDays.push(calendar.workingMsBetween(h.fromAt, h.toAt) / perDay);
      if (h.stepDueAt !== null) {
        o.timed++;
        if (h.toAt <= h.stepDueAt) o.timedOnTime++;
      }
    }
  }
  return [...byOfficial.values()]
    .map(({ holdDays, timed, timedOnTime, ...o }) => ({
      ...o,
      stepOnTimeShare: timed ? timedOnTime / timed : null,
      medianHoldDays: round1(median(holdDays)),
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
