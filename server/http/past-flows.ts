import type { PastReads } from '../db/past-store/contract.js';
import { vnStartOfDay } from '../domain/time.js';
import { previousWindowSameTime } from '../metrics/periods.js';
import type { Period, PeriodWindow, ScopeKey, ScopeMetrics } from '../metrics/types.js';
import { NO_PARENT, rollupScopes, type ParentOf } from '../metrics/scope-rollup.js';

/** How long the counts of one part of a day are reused (the cut-off moves by the minute). */
const PAST_FLOWS_TTL_MS = 60_000;
const MS_PER_MINUTE = 60_000;

interface FlowCounts {
  received: number;
  online: number;
  early: number;
  onTime: number;
  late: number;
  /** Buck-passing cases of the dossiers received. */
  cases: number;
}

/** What partAt read: the previous window's start, its last day's start and that day's counts up to the same minute. */
export interface PartOfDay {
  period: Period;
  from: number;
  dayStart: number;
  byScope: ReadonlyMap<ScopeKey, FlowCounts>;
}

const zero = (): FlowCounts => ({ received: 0, online: 0, early: 0, onTime: 0, late: 0, cases: 0 });

/**
 * "Cùng kỳ" to the minute: the previous window up to the same instant (previousWindowSameTime). The
 * engine gives its whole days; the store counts the part of its last day (yesterday 00:00–10:30 at
 * 10:30 today), so "received today" is not set against all of yesterday. `realNow` is wall-clock time
 * (the TTL is about query cost).
 */
export function createPastFlows(
  past: Pick<PastReads, 'flowsBetween' | 'buckPassingReceivedBetween'>,
  codes: string[],
  scopeOf: (code: string) => ScopeKey | null,
  engine: { previousMetricsToDate?(scope: ScopeKey, period: Period, days?: PeriodWindow): ScopeMetrics | null },
  realNow: () => number = Date.now,
  parentOf: ParentOf = NO_PARENT,
) {
  // Promises, so that requests arriving while a part of a day is read share its queries.
  const cache = new Map<string, { until: number; byScope: Promise<Map<ScopeKey, FlowCounts>> }>();

  function partOfDay(from: number, to: number): Promise<Map<ScopeKey, FlowCounts>> {
    const key = `${from}|${to}`;
    const hit = cache.get(key);
    if (hit && hit.until > realNow()) return hit.byScope;
    const byScope = readPartOfDay(past, { codes, scopeOf, parentOf }, from, to);
    // A failed read is not kept: the next request reads again.
    byScope.catch(() => {
      if (cache.get(key)?.byScope === byScope) cache.delete(key);
    });
    if (cache.size > 16) cache.clear();
    cache.set(key, { until: realNow() + PAST_FLOWS_TTL_MS, byScope });
    return byScope;
  }

  return {
    /** The store's part of the previous window's last day for "cùng kỳ" of `period` at `now` (read or kept). */
    async partAt(period: Period, now: number): Promise<PartOfDay> {
      const minute = Math.floor(now / MS_PER_MINUTE) * MS_PER_MINUTE;
      const w = previousWindowSameTime(period, minute);
      const dayStart = Math.max(w.from, vnStartOfDay(w.to));
      return { period, from: w.from, dayStart, byScope: await partOfDay(dayStart, w.to) };
    },
    /** Flow metrics of `scope` over the previous window up to the same minute as the part's; null when its days are gone. */
    sameTime(scope: ScopeKey, p: PartOfDay): ScopeMetrics | null {
      const { period, from, dayStart } = p;
      const whole = engine.previousMetricsToDate?.(scope, period, { period, from, to: dayStart }) ?? null;
      if (whole === null) return null;
      const part = p.byScope.get(scope) ?? zero();
      const received = whole.received + part.received;
      const receivedOnline = whole.receivedOnline + part.online;
      const finishedEarly = whole.finishedEarly + part.early;
      const finishedOnTime = whole.finishedOnTime + part.onTime;
      const finishedLate = whole.finishedLate + part.late;
      const judged = finishedEarly + finishedOnTime + finishedLate;
      // Flow counts only: the rate among finished ones; percentiles of two sources do not add up.
      return {
        ...whole,
        received,
        receivedOnline,
        onlineShare: received === 0 ? null : receivedOnline / received,
        finishedEarly,
        finishedOnTime,
        finishedLate,
        buckPassingCases: whole.buckPassingCases + part.cases,
        onTimeRate: judged === 0 ? null : (finishedEarly + finishedOnTime) / judged,
        processingDaysMedian: null,
        processingDaysP90: null,
      };
    },
  };
}

/** The counts of [from, to) per scope, read from the store (each code's go to every scope it rolls up into). */
async function readPartOfDay(
  past: Pick<PastReads, 'flowsBetween' | 'buckPassingReceivedBetween'>,
  rollup: { codes: string[]; scopeOf: (code: string) => ScopeKey | null; parentOf: ParentOf },
  from: number,
  to: number,
): Promise<Map<ScopeKey, FlowCounts>> {
  const { codes, scopeOf, parentOf } = rollup;
  const byScope = new Map<ScopeKey, FlowCounts>();
  byScope.set('city', zero());
  // Every scope a code's counts go to (scope-rollup.ts: the city, the code's own, its province).
  const of = (code: string): FlowCounts[] => {
    const scopes = rollupScopes(scopeOf(code), parentOf) ?? [];
    return scopes.map((scope) => {
      let c = byScope.get(scope);
      if (!c) byScope.set(scope, (c = zero()));
      return c;
    });
  };
  if (from < to) {
    const [{ received, finished }, cases] = await Promise.all([
      past.flowsBetween({ codes, from, to }),
      past.buckPassingReceivedBetween({ from, to }),
    ]);
    for (const r of received) {
      for (const t of of(r.code)) {
        t.received += r.n;
        t.online += r.online;
      }
    }
    for (const r of finished) {
      const field = r.outcome === 'early' ? 'early' : r.outcome === 'on_time' ? 'onTime' : 'late';
      for (const t of of(r.code)) t[field] += r.n;
    }
    for (const r of cases) for (const t of of(r.code)) t.cases += r.n;
  }
  return byScope;
}
