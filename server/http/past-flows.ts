import type { Store } from '../db/store.js';
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

const zero = (): FlowCounts => ({ received: 0, online: 0, early: 0, onTime: 0, late: 0, cases: 0 });

/**
 * "Cùng kỳ" to the minute: the previous window up to the same instant (previousWindowSameTime). The
 * engine gives its whole days; the store counts the part of its last day (yesterday 00:00–10:30 at
 * 10:30 today), so "received today" is not set against all of yesterday. `realNow` is wall-clock time
 * (the TTL is about query cost).
 */
export function createPastFlows(
  store: Store,
  codes: string[],
  scopeOf: (code: string) => ScopeKey | null,
  engine: { previousMetricsToDate?(scope: ScopeKey, period: Period, days?: PeriodWindow): ScopeMetrics | null },
  realNow: () => number = Date.now,
  parentOf: ParentOf = NO_PARENT,
) {
  const cache = new Map<string, { until: number; byScope: Map<ScopeKey, FlowCounts> }>();

  function partOfDay(from: number, to: number): Map<ScopeKey, FlowCounts> {
    const key = `${from}|${to}`;
    const hit = cache.get(key);
    if (hit && hit.until > realNow()) return hit.byScope;
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
      const { received, finished } = store.read.flowsBetween({ codes, from, to });
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
      for (const r of store.read.buckPassingReceivedBetween({ from, to })) for (const t of of(r.code)) t.cases += r.n;
    }
    if (cache.size > 16) cache.clear();
    cache.set(key, { until: realNow() + PAST_FLOWS_TTL_MS, byScope });
    return byScope;
  }

  return {
    /** Flow metrics of `scope` over the previous window up to the same minute as now; null when its days are gone. */
    sameTime(scope: ScopeKey, period: Period, now: number): ScopeMetrics | null {
      const minute = Math.floor(now / MS_PER_MINUTE) * MS_PER_MINUTE;
      const w = previousWindowSameTime(period, minute);
      const dayStart = Math.max(w.from, vnStartOfDay(w.to));
      const whole = engine.previousMetricsToDate?.(scope, period, { period, from: w.from, to: dayStart }) ?? null;
      if (whole === null) return null;
      const part = partOfDay(dayStart, w.to).get(scope) ?? zero();
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
