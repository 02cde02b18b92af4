/**
 * The past figures beside a current period's (the previous window judged with its overdue backlog,
 * "cùng kỳ" to the minute, the last working day on a day off): the store's part is read first and
 * asynchronously (either engine, kept for a minute: past-overdue.ts, past-flows.ts), then the figures
 * are built synchronously from the engine and what was read, so a kept overview answer costs no query.
 */
import type { PastReads } from '../db/past-store/contract.js';
import { dayKeyOfIndex, vnDayIndex, vnDayStartOfIndex } from '../domain/time.js';
import type { Jurisdiction, WorkCalendar } from '../domain/types.js';
import { lastWorkingDayBefore, previousWindow } from '../metrics/periods.js';
import { provinceParents } from '../metrics/scope-rollup.js';
import type { Period, ScopeKey, ScopeMetrics } from '../metrics/types.js';
import type { DayInfo } from '../../shared/contract/api.js';
import { createPastFlows, type PartOfDay } from './past-flows.js';
import { countsOf, createPastOverdue, type OverdueCounts } from './past-overdue.js';
import type { ReadDeps } from './read-routes.js';

type Backlogs = ReadonlyMap<ScopeKey, OverdueCounts>;

/** Today, and on a day off the last working day with the overdue backlog at its end. */
export interface PastDay {
  date: string;
  workingDay: boolean;
  last: { day: number; overdue: Backlogs } | null;
}

/** What the store holds for the past figures of one current period at one instant. */
export interface PastOfPeriod {
  period: Period;
  /** Per scope, the overdue backlog at the end of the previous window. */
  previousEnd: Backlogs;
  /** The part of the previous window's last day up to the same minute. */
  part: PartOfDay;
  day: PastDay;
}

export interface PastFiguresDeps {
  past: PastReads;
  metrics: ReadDeps['metrics'];
  jurisdiction: Jurisdiction;
  scopeOf(code: string): ScopeKey | null;
  calendar: WorkCalendar;
  projectionLagEvents?: () => number;
}

export function createPastFigures(deps: PastFiguresDeps) {
  const { jurisdiction, metrics } = deps;
  // The store's figures of past instants roll codes up as the engine does: the city, and a commune's province.
  const parentOf = provinceParents(jurisdiction.units);
  const lag = deps.projectionLagEvents;
  const overdue = createPastOverdue(deps.past, deps.scopeOf, Date.now, parentOf, () => (lag?.() ?? 0) > 0);
  const codes = [...jurisdiction.units.map((u) => u.code), ...jurisdiction.departments.map((d) => d.code)];
  const flows = createPastFlows(deps.past, codes, deps.scopeOf, metrics, Date.now, parentOf);

  /** Today at `now`; on a day off, the last working day and (when `withCity`) the backlog at its end. */
  async function dayAt(now: number, withCity: boolean): Promise<PastDay> {
    const today = vnDayIndex(now);
    const date = dayKeyOfIndex(today);
    if (deps.calendar.isWorkingDay(date)) return { date, workingDay: true, last: null };
    const last = lastWorkingDayBefore(today, (key) => deps.calendar.isWorkingDay(key));
    if (last === null) return { date, workingDay: false, last: null };
    const window = { from: vnDayStartOfIndex(last), to: vnDayStartOfIndex(last + 1) };
    return { date, workingDay: false, last: { day: last, overdue: withCity ? await overdue.atEndOf(window) : new Map() } };
  }

  return {
    /** The overdue backlog per scope at the end of a window (a closed period's figures are judged with it). */
    atEndOf: (window: { from: number; to: number }) => overdue.atEndOf(window),
    dayAt,
    /** Reads (or finds kept) what the past figures of `period` at `now` need; `withCity`: the last working day's too. */
    async load(period: Period, now: number, withCity: boolean): Promise<PastOfPeriod> {
      const [previousEnd, part, day] = await Promise.all([
        overdue.atEndOf(previousWindow(period, now)),
        flows.partAt(period, now),
        dayAt(now, withCity),
      ]);
      return { period, previousEnd, part, day };
    },
    /** The previous window's metrics of `scope`, its rate judged with what was overdue when it ended. */
    previous(scope: ScopeKey, p: PastOfPeriod): ScopeMetrics | null {
      return metrics.previousMetrics?.(scope, p.period, countsOf(p.previousEnd, scope)) ?? null;
    },
    /** "Cùng kỳ": the previous window's flows up to the same minute (past-flows.ts). */
    toDate: (scope: ScopeKey, p: PastOfPeriod): ScopeMetrics | null => flows.sameTime(scope, p.part),
    /** Today, and on a day off the last working day's figures of `top` (judged like today, at its end). */
    dayInfo(withCity: boolean, top: ScopeKey, day: PastDay): DayInfo {
      if (day.workingDay || day.last === null) return { date: day.date, workingDay: day.workingDay, lastWorkingDay: null };
      const { day: last, overdue: backlog } = day.last;
      const city = withCity ? (metrics.dayMetrics?.(top, last, countsOf(backlog, top)) ?? null) : null;
      return { date: day.date, workingDay: false, lastWorkingDay: { date: dayKeyOfIndex(last), city } };
    },
  };
}

export type PastFigures = ReturnType<typeof createPastFigures>;
