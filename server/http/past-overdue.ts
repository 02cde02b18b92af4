import type { Store } from '../db/store.js';
import type { ScopeKey } from '../metrics/types.js';

export interface OverdueCounts {
  dossiers: number;
  tasks: number;
}

/** How long an answer for one past instant is reused: late-arriving events may still change it a little. */
const PAST_OVERDUE_TTL_MS = 60_000;

/**
 * The overdue backlog as it stood at a past instant (the end of the previous period), per scope, read
 * from the projections and shared for a minute: every overview of the same period asks for the same
 * instant. `realNow` is wall-clock time (the TTL is about query cost, not about city time).
 */
export function createPastOverdue(store: Store, scopeOf: (code: string) => ScopeKey | null, realNow: () => number = Date.now) {
  const cache = new Map<number, { until: number; byScope: Map<ScopeKey, OverdueCounts> }>();

  function load(at: number): Map<ScopeKey, OverdueCounts> {
    const hit = cache.get(at);
    if (hit && hit.until > realNow()) return hit.byScope;
    const { dossiers, tasks } = store.read.overdueAt({ at });
    const byScope = new Map<ScopeKey, OverdueCounts>();
    const city: OverdueCounts = { dossiers: 0, tasks: 0 };
    byScope.set('city', city);
    const add = (code: string, field: keyof OverdueCounts, n: number) => {
      const key = scopeOf(code);
      if (key === null) return; // a code no longer in the jurisdiction: not the city's either
      const c = byScope.get(key) ?? { dossiers: 0, tasks: 0 };
      c[field] += n;
      byScope.set(key, c);
      city[field] += n;
    };
    for (const r of dossiers) add(r.code, 'dossiers', r.n);
    for (const r of tasks) add(r.code, 'tasks', r.n);
    // Instants roll forward (a new day, week…): keep only the few recent ones.
    if (cache.size > 16) cache.clear();
    cache.set(at, { until: realNow() + PAST_OVERDUE_TTL_MS, byScope });
    return byScope;
  }

  return {
    /** Overdue dossiers and tasks of a scope at `at` (zeros when it had none). */
    at(scope: ScopeKey, at: number): OverdueCounts {
      return load(at).get(scope) ?? { dossiers: 0, tasks: 0 };
    },
  };
}

export type PastOverdue = ReturnType<typeof createPastOverdue>;
