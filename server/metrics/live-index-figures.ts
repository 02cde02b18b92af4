/**
 * The service index headline of every scope for the current month, quarter and year, from the
 * engine's counts (engine.indexCounts) through the same scoring and figure as the REST ranking
 * (domain/service-index-figure.ts). A scope is rescored only when its counts moved since it was last
 * asked, so the live channel's flush costs a comparison of counts for the scopes that did not.
 * Pure: the counts come from the caller.
 */
import type { IndexFigure, IndexKind } from '../../shared/contract/live-index.js';
import type { IndexCounts } from '../domain/service-index-facts.js';
import { indexFigure, sameIndexCounts } from '../domain/service-index-figure.js';
import type { ServiceIndexSettings } from '../domain/service-index-settings.js';
import type { Period, ScopeKey } from './types.js';

export interface LiveIndexDeps {
  indexCounts(scope: ScopeKey, period: Period): IndexCounts;
  settings: ServiceIndexSettings;
}

export function createLiveIndexFigures(deps: LiveIndexDeps): (scope: ScopeKey, kind: IndexKind) => IndexFigure {
  const kept = new Map<string, { counts: IndexCounts; figure: IndexFigure }>();
  return (scope, kind) => {
    const counts = deps.indexCounts(scope, kind);
    const key = `${scope}|${kind}`;
    const hit = kept.get(key);
    if (hit !== undefined && sameIndexCounts(hit.counts, counts)) return hit.figure;
    const figure = indexFigure(counts, deps.settings);
    kept.set(key, { counts, figure });
    return figure;
  };
}
