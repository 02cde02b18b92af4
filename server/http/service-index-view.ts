/**
 * The national service index of every scope for one period: from the live engine for the current
 * month, quarter or year, from the store for a closed one (closed-index-counts.ts: the same counter
 * layout, turned into IndexCounts by metrics/index-counts.ts, kept until an event reaches it), scored
 * by domain/service-index.ts and ranked among peers.
 */
import type { Store } from '../db/store.js';
import type { PastReads } from '../db/past-store/contract.js';
import type { IndexStore } from '../db/index-store/contract.js';
import type { Jurisdiction } from '../domain/types.js';
import type { DossierState } from '../domain/types.js';
import type { DossierContext } from '../domain/dossier.js';
import { emptyIndexCounts, sumIndexCounts, type IndexCounts } from '../domain/service-index-facts.js';
import { competitionRanks, round2, serviceIndex } from '../domain/service-index.js';
import { figureOfIndex, hasIndexData, sameIndexCounts } from '../domain/service-index-figure.js';
import type { ServiceIndexSettings } from '../domain/service-index-settings.js';
import type { ResolvedPeriod } from '../metrics/named-periods.js';
import type { Period, ScopeKey } from '../metrics/types.js';
import { createClosedIndexCounts } from './closed-index-counts.js';
import { provinceParents, provinceScopes, type ParentOf } from '../metrics/scope-rollup.js';
import type { IndexRow, ServiceIndex } from '../../shared/contract/service-index.js';

export interface IndexViewDeps {
  store: Store;
  /** The overdue backlog at a closed window's end (either engine). */
  past: Pick<PastReads, 'overdueAt'>;
  /** A closed window's counts per code and the portal's figures (either engine). */
  index: IndexStore;
  metrics: {
    indexCounts(scope: ScopeKey, period: Period): IndexCounts;
    /** Every accepted dossier change (engine.onDossierApplied): closed periods are kept until one reaches them. */
    onDossierApplied?(fn: (prev: DossierState | null, next: DossierState) => void): void;
  };
  jurisdiction: Jurisdiction;
  scopeOf(code: string): ScopeKey | null;
  settings: ServiceIndexSettings;
  now: () => number;
  /** The calendar and settings dossier rows are written with: closed periods then follow live changes in memory. */
  domain?: DossierContext;
}

export { hasIndexData };

/** Windows (and pairs of windows) whose scores and rankings are kept: the periods asked lately. */
const KEPT_RANKINGS = 16;

export function createIndexView(deps: IndexViewDeps) {
  const { jurisdiction } = deps;
  const codes = [...jurisdiction.units.map((u) => u.code), ...jurisdiction.departments.map((d) => d.code)];
  // A national pack's provinces are scored from their communes' counts, and communes ranked within their province.
  const parentOf = provinceParents(jurisdiction.units);
  const provinces = provinceScopes(jurisdiction.provinces);
  const scopes: ScopeKey[] = [
    'city',
    ...jurisdiction.units.map((u) => `unit:${u.code}` as ScopeKey),
    ...jurisdiction.departments.map((d) => `department:${d.code}` as ScopeKey),
    ...provinces,
  ];
  const communesOf = new Map<ScopeKey, ScopeKey[]>(provinces.map((p) => [p, []]));
  for (const s of scopes) {
    const parent = parentOf(s);
    if (parent !== null) communesOf.get(parent)?.push(s);
  }
  const closed = createClosedIndexCounts({
    store: deps.store,
    past: deps.past,
    closed: deps.index.closed,
    codes,
    scopeOf: deps.scopeOf,
    now: deps.now,
    onDossierApplied: deps.metrics.onDossierApplied?.bind(deps.metrics),
    domain: deps.domain,
  });

  /** Every scope's counts for a period (current: live; closed: the store). */
  async function countsOf(p: ResolvedPeriod): Promise<(scope: ScopeKey) => IndexCounts> {
    if (p.current !== null) {
      const period = p.current;
      return (scope) => deps.metrics.indexCounts(scope, period);
    }
    const counts = await closed.countsOf(p.from, p.to);
    const of = (scope: ScopeKey) => counts.get(scope) ?? emptyIndexCounts();
    return (scope) => (communesOf.has(scope) ? sumIndexCounts(communesOf.get(scope)!.map(of)) : of(scope));
  }

  // Scores are kept per window and scope with the counts they were computed from: a request rescores
  // only the scopes whose counts moved. Rankings are kept per pair of windows (the pages ask for several
  // periods in turn) with the scores they ranked, and reused while every one of those scores is kept.
  const scores = new Map<string, Map<ScopeKey, { counts: IndexCounts; index: ServiceIndex }>>();
  const rankings = new Map<string, { ranked: RankedIndex; used: ServiceIndex[] }>();

  /** The scope's index for the window `key` (the kept object while its counts are unchanged). */
  function scoreOf(key: string, scope: ScopeKey, counts: IndexCounts): ServiceIndex {
    let byScope = scores.get(key);
    if (byScope === undefined) {
      if (scores.size >= KEPT_RANKINGS) scores.delete(scores.keys().next().value as string);
      byScope = new Map();
      scores.set(key, byScope);
    }
    const hit = byScope.get(scope);
    if (hit !== undefined && sameIndexCounts(hit.counts, counts)) return hit.index;
    const index = serviceIndex(counts, deps.settings);
    byScope.set(scope, { counts: { ...counts }, index });
    return index;
  }

  /** Every scope's index for a period and the previous one, with ranks among peers. */
  async function ranking(p: ResolvedPeriod, previous: ResolvedPeriod): Promise<RankedIndex> {
    const [now, before] = await Promise.all([countsOf(p), countsOf(previous)]);
    const key = `${p.from}|${p.to}`;
    const prevKey = `${previous.from}|${previous.to}`;
    const rankingKey = `${key}|${prevKey}`;
    const kept = rankings.get(rankingKey);
    const counts: IndexCounts[] = [];
    const used: ServiceIndex[] = [];
    let same = kept !== undefined;
    for (const scope of scopes) {
      const c = now(scope);
      const prevCounts = before(scope);
      const index = scoreOf(key, scope, c);
      const prevIndex = scoreOf(prevKey, scope, prevCounts);
      same &&= kept!.used[used.length] === index && kept!.used[used.length + 1] === prevIndex;
      used.push(index, prevIndex);
      counts.push(c, prevCounts);
    }
    // Nothing moved: the kept ranking, without building a new one (a request allocates little).
    if (same) return kept!.ranked;
    const entries = unrankedEntries(scopes, counts, used);
    for (const peers of peerGroups([...entries.values()], parentOf)) rankPeers(peers);
    if (!rankings.has(rankingKey) && rankings.size >= KEPT_RANKINGS) rankings.delete(rankings.keys().next().value as string);
    const ranked: RankedIndex = { entries };
    rankings.set(rankingKey, { ranked, used });
    return ranked;
  }

  return { ranking, scopes };
}

/** Each scope's entry before ranking, from its counts and scores (pairs: the period, the previous one). */
function unrankedEntries(scopes: ScopeKey[], counts: IndexCounts[], scores: ServiceIndex[]): Map<ScopeKey, RankedEntry> {
  const entries = new Map<ScopeKey, RankedEntry>();
  scopes.forEach((scope, i) => {
    const [c, prevCounts] = [counts[2 * i], counts[2 * i + 1]];
    const previous = hasIndexData(prevCounts) ? scores[2 * i + 1] : null;
    entries.set(scope, { scope, counts: c, index: scores[2 * i], previous, has: hasIndexData(c), rank: null, improvementRank: null });
  });
  return entries;
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

/**
 * The groups ranked among themselves: departments; provinces; units — a national pack's communes per
 * province (a commune is compared with its province's communes, not with 3,321 of every province).
 */
function peerGroups(entries: RankedEntry[], parentOf: ParentOf): RankedEntry[][] {
  const groups = new Map<string, RankedEntry[]>();
  for (const e of entries) {
    if (e.scope === 'city') continue;
    const kind = e.scope.slice(0, e.scope.indexOf(':'));
    const key = kind === 'unit' ? `unit|${parentOf(e.scope) ?? ''}` : kind;
    const group = groups.get(key) ?? [];
    group.push(e);
    groups.set(key, group);
  }
  return [...groups.values()];
}

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
  const [kind, code] = e.scope === 'city' ? (['city', 'city'] as const) : (e.scope.split(':') as [IndexRow['kind'], string]);
  return {
    code,
    kind,
    name,
    ...figureOfIndex(e.index, e.has),
    rank: e.scope === 'city' ? null : e.rank,
    change: changeOf(e),
    improvementRank: e.scope === 'city' ? null : e.improvementRank,
    dossiers: e.counts.progressTotal,
    portal: null,
  };
}

export type IndexView = ReturnType<typeof createIndexView>;
