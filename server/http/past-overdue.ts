import type { PastReads } from '../db/past-store/contract.js';
import { vnDayIndex } from '../domain/time.js';
import type { ScopeKey } from '../metrics/types.js';
import { NO_PARENT, rollupScopes, type ParentOf } from '../metrics/scope-rollup.js';

export interface OverdueCounts {
  dossiers: number;
  /** Of those dossiers, the ones whose lateness began within the window (working time). */
  dossiersNew: number;
  tasks: number;
}

/** How long an answer for one past instant is reused: late-arriving events may still change it a little. */
export const PAST_OVERDUE_TTL_MS = 60_000;
/**
 * How much longer an expired answer is still given while the projection writer is behind: reading the
 * store then waits for the writer (the read barrier) on the event loop, under ingest for as long as its
 * pass takes. Only a late event about the past moves these counts, so a few minutes more is harmless;
 * the answer is read again at the first request that finds the writer caught up, or after this.
 */
export const PAST_OVERDUE_STALE_MS = 5 * 60_000;

/**
 * The overdue backlog as it stood at a past instant (the end of the previous period), per scope, read
 * from the stored overdue spans (the live count's definition) and shared for a minute: every overview of the same period asks for the same
 * instant. `realNow` is wall-clock time (the TTL is about query cost, not about city time). `writerBehind`
 * (events logged and not yet projected, > 0) lets an expired answer serve on instead of waiting for the writer.
 */
export function createPastOverdue(
  past: Pick<PastReads, 'overdueAt'>,
  scopeOf: (code: string) => ScopeKey | null,
  realNow: () => number = Date.now,
  parentOf: ParentOf = NO_PARENT,
  writerBehind: () => boolean = () => false,
) {
  // Promises, so that requests arriving while an instant is read share its one query.
  const cache = new Map<string, { until: number; byScope: Promise<Map<ScopeKey, OverdueCounts>> }>();
  function load(at: number, newFromDay: number, newToDay: number): Promise<Map<ScopeKey, OverdueCounts>> {
    const cacheKey = `${at}|${newFromDay}|${newToDay}`;
    const hit = cache.get(cacheKey);
    const now = realNow();
    if (hit && (hit.until > now || (hit.until + PAST_OVERDUE_STALE_MS > now && writerBehind()))) return hit.byScope;
    const byScope = overdueByScope(past, scopeOf, at, newFromDay, newToDay, parentOf);
    // A failed read is not kept: the next request reads again.
    byScope.catch(() => {
      if (cache.get(cacheKey)?.byScope === byScope) cache.delete(cacheKey);
    });
    // Instants roll forward (a new day, week…): keep only the few recent ones.
    if (cache.size > 16) cache.clear();
    cache.set(cacheKey, { until: now + PAST_OVERDUE_TTL_MS, byScope });
    return byScope;
  }

  return {
    /**
     * Every scope's overdue dossiers and tasks at the end of `window` (its last millisecond: a dossier due
     * at the end of that day is not overdue yet), with the dossiers whose lateness began within it; a
     * scope with none is absent (countsOf answers zeros for it).
     */
    atEndOf(window: { from: number; to: number }): Promise<Map<ScopeKey, OverdueCounts>> {
      return load(window.to - 1, vnDayIndex(window.from), vnDayIndex(window.to));
    },
  };
}

const zero = (): OverdueCounts => ({ dossiers: 0, dossiersNew: 0, tasks: 0 });

/** A scope's counts in an answer of atEndOf (zeros when it has none). */
export const countsOf = (byScope: ReadonlyMap<ScopeKey, OverdueCounts>, scope: ScopeKey): OverdueCounts => byScope.get(scope) ?? zero();

/**
 * The overdue backlog per scope at instant `at`, read now (uncached); lateness begun in [newFromDay, newToDay).
 * Each code's counts go to every scope it rolls up into (scope-rollup.ts: the city, and its province).
 */
export async function overdueByScope(
  past: Pick<PastReads, 'overdueAt'>,
  scopeOf: (code: string) => ScopeKey | null,
  at: number,
  newFromDay = 0,
  newToDay = 0,
  parentOf: ParentOf = NO_PARENT,
): Promise<Map<ScopeKey, OverdueCounts>> {
  const { dossiers, tasks } = await past.overdueAt({ at, newFromDay, newToDay });
  const byScope = new Map<ScopeKey, OverdueCounts>();
  byScope.set('city', zero());
  const add = (code: string, field: keyof OverdueCounts, n: number) => {
    // A code no longer in the jurisdiction: not the city's either.
    for (const key of rollupScopes(scopeOf(code), parentOf) ?? []) {
      const c = byScope.get(key) ?? zero();
      c[field] += n;
      byScope.set(key, c);
    }
  };
  for (const r of dossiers) {
    add(r.code, 'dossiers', r.n);
    add(r.code, 'dossiersNew', r.nNew);
  }
  for (const r of tasks) add(r.code, 'tasks', r.n);
  return byScope;
}

export type PastOverdue = ReturnType<typeof createPastOverdue>;
