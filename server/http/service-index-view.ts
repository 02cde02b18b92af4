/**
 * The national service index of every scope for one period: from the live engine for the current
 * month, quarter or year, from the store for a closed one (the same counter layout, turned into
 * IndexCounts by metrics/index-counts.ts), scored by domain/service-index.ts and ranked among peers.
 */
import type { Store } from '../db/store.js';
import type { Jurisdiction } from '../domain/types.js';
import { emptyIndexCounts, type IndexCounts } from '../domain/service-index-facts.js';
import { competitionRanks, round2, serviceIndex } from '../domain/service-index.js';
import type { ServiceIndexSettings } from '../domain/service-index-settings.js';
import { buildIndexCounts } from '../metrics/index-counts.js';
import { FLOW_COUNTERS } from '../metrics/counters.js';
import type { ResolvedPeriod } from '../metrics/named-periods.js';
import type { Period, ScopeKey } from '../metrics/types.js';
import type { PastOverdue } from './past-overdue.js';
import type { IndexRow, ServiceIndex } from '../../shared/contract/service-index.js';

export interface IndexViewDeps {
  store: Store;
  metrics: { indexCounts(scope: ScopeKey, period: Period): IndexCounts };
  jurisdiction: Jurisdiction;
  scopeOf(code: string): ScopeKey | null;
  settings: ServiceIndexSettings;
  pastOverdue: PastOverdue;
  now: () => number;
  /** Wall-clock time, for the closed periods' cache (a query's cost, not city time). */
  realNow?: () => number;
}

/** How long a closed period's index is reused: late-arriving events may still change it a little. */
const CLOSED_TTL_MS = 60_000;

/** Whether a scope had anything to judge in the period: without it, no indicator is computable. */
export const hasIndexData = (c: IndexCounts): boolean => c.progressTotal > 0 || c.received > 0;

export function createIndexView(deps: IndexViewDeps) {
  const { jurisdiction } = deps;
  const realNow = deps.realNow ?? Date.now;
  const cache = new Map<string, { until: number; counts: Map<ScopeKey, IndexCounts> }>();
  const codes = [...jurisdiction.units.map((u) => u.code), ...jurisdiction.departments.map((d) => d.code)];
  const scopes: ScopeKey[] = [
    'city',
    ...jurisdiction.units.map((u) => `unit:${u.code}` as ScopeKey),
    ...jurisdiction.departments.map((d) => `department:${d.code}` as ScopeKey),
  ];

  /** Counts of a closed period for every scope, from the store (city = the sum of its units and departments). */
  function closedCounts(p: ResolvedPeriod): Map<ScopeKey, IndexCounts> {
    const key = `${p.from}|${p.to}`;
    const hit = cache.get(key);
    if (hit && hit.until > realNow()) return hit.counts;
    const byCode = deps.store.serviceIndex.indexCountsBetween(p.from, p.to, deps.now(), codes);
    const flows = new Map<ScopeKey, { flow: Int32Array; open: number }>();
    const sumInto = (scope: ScopeKey, flow: Int32Array, open: number) => {
      let acc = flows.get(scope);
      if (acc === undefined) {
        acc = { flow: new Int32Array(FLOW_COUNTERS), open: 0 };
        flows.set(scope, acc);
      }
      for (let i = 0; i < FLOW_COUNTERS; i++) acc.flow[i] += flow[i];
      acc.open += open;
    };
    for (const [code, c] of byCode) {
      const scope = deps.scopeOf(code);
      if (scope === null || scope === 'city') continue; // a code no longer in the jurisdiction
      sumInto(scope, c.flow, c.openAtEnd);
      sumInto('city', c.flow, c.openAtEnd);
    }
    const counts = new Map<ScopeKey, IndexCounts>();
    for (const [scope, acc] of flows) {
      const overdue = deps.pastOverdue.atEndOf(scope, p).dossiers;
      counts.set(scope, buildIndexCounts(acc.flow, { open: acc.open, overdue }));
    }
    if (cache.size > 16) cache.clear();
    cache.set(key, { until: realNow() + CLOSED_TTL_MS, counts });
    return counts;
  }

  /** Every scope's counts for a period (current: live; closed: the store). */
  function countsOf(p: ResolvedPeriod): (scope: ScopeKey) => IndexCounts {
    if (p.current !== null) {
      const period = p.current;
      return (scope) => deps.metrics.indexCounts(scope, period);
    }
    const counts = closedCounts(p);
    return (scope) => counts.get(scope) ?? emptyIndexCounts();
  }

  /** Every scope's index for a period and the previous one, with ranks among peers. */
  function ranking(p: ResolvedPeriod, previous: ResolvedPeriod): RankedIndex {
    const now = countsOf(p);
    const before = countsOf(previous);
    const entries = new Map<ScopeKey, RankedEntry>();
    for (const scope of scopes) {
      const counts = now(scope);
      const prevCounts = before(scope);
      const index = serviceIndex(counts, deps.settings);
      const prev = hasIndexData(prevCounts) ? serviceIndex(prevCounts, deps.settings) : null;
      const has = hasIndexData(counts);
      entries.set(scope, { scope, counts, index, previous: prev, has, rank: null, improvementRank: null });
    }
    for (const kind of ['unit', 'department'] as const) rankPeers([...entries.values()].filter((e) => e.scope.startsWith(`${kind}:`)));
    return { entries };
  }

  return { ranking, scopes };
}

export interface RankedEntry {
  scope: ScopeKey;
  counts: IndexCounts;
  index: ServiceIndex;
  previous: ServiceIndex | null;
  /** Anything to judge in the period; without it the scope is not ranked. */
  has: boolean;
  rank: number | null;
  improvementRank: number | null;
}

export interface RankedIndex {
  entries: Map<ScopeKey, RankedEntry>;
}

/** The change of total against the previous period, when both have data. */
export const changeOf = (e: RankedEntry): number | null => (e.has && e.previous !== null ? round2(e.index.total - e.previous.total) : null);

/** Ranks among peers by total, and by improvement; scopes with nothing to judge are not ranked. */
function rankPeers(peers: RankedEntry[]): void {
  const totals = competitionRanks(peers.map((e) => (e.has ? e.index.total : null)));
  const improvements = competitionRanks(peers.map(changeOf));
  peers.forEach((e, i) => {
    e.rank = totals[i];
    e.improvementRank = improvements[i];
  });
}

/** The wire row of a ranked entry. */
export function indexRow(e: RankedEntry, name: string): IndexRow {
  const [kind, code] = e.scope === 'city' ? (['city', 'city'] as const) : (e.scope.split(':') as ['unit' | 'department', string]);
  return {
    code,
    kind,
    name,
    total: e.has ? e.index.total : null,
    grade: e.has ? e.index.grade : null,
    computedPoints: e.index.computedPoints,
    computedMax: e.index.computedMax,
    rank: e.scope === 'city' ? null : e.rank,
    change: changeOf(e),
    improvementRank: e.scope === 'city' ? null : e.improvementRank,
    dossiers: e.counts.progressTotal,
    portal: null,
  };
}

export type IndexView = ReturnType<typeof createIndexView>;
