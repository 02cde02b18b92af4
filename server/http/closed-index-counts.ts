/**
 * The service index counts of closed periods, per scope, read from the store and kept until the log
 * says otherwise: every accepted dossier change marks the codes it touches (before and after) stale in
 * each kept window it can reach (one that ends after the dossier was received), and a code is also
 * re-read once the clock passes the next due date that satisfaction judges at `now`. So a closed
 * period's figure is never older than the last accepted event, and a request re-reads only the codes
 * that changed, never the whole city. With the domain context, a change that adds events to a known
 * dossier moves the kept counts by the dossier's share (metrics/closed-window-share.ts, closed-index-moves.ts)
 * instead: the next request then reads nothing, so it does not wait for the projection writer.
 */
import type { Store } from '../db/store.js';
import type { PastReads } from '../db/past-store/contract.js';
import type { ClosedIndexStore } from '../db/index-store/contract.js';
import type { StoredIndexCounts } from '../db/service-index-repo.js';
import type { DossierState } from '../domain/types.js';
import type { IndexCounts } from '../domain/service-index-facts.js';
import { buildIndexCounts } from '../metrics/index-counts.js';
import { FLOW_COUNTERS } from '../metrics/counters.js';
import type { ScopeKey } from '../metrics/types.js';
import { overdueByScope } from './past-overdue.js';
import type { DossierContext } from '../domain/dossier.js';
import { moveKeptCounts } from './closed-index-moves.js';

export interface ClosedIndexDeps {
  store: Store;
  /** The overdue backlog at a window's end (either engine). */
  past: Pick<PastReads, 'overdueAt'>;
  /** Each code's counts of a closed window (either engine). */
  closed: ClosedIndexStore;
  /** Unit and department codes of the jurisdiction. */
  codes: readonly string[];
  scopeOf(code: string): ScopeKey | null;
  now: () => number;
  /** Subscribes to every accepted dossier change (engine.onDossierApplied); without it nothing is kept. */
  onDossierApplied?(fn: (prev: DossierState | null, next: DossierState) => void): void;
  /** The calendar and settings the dossier's row was written with; without it every change is re-read. */
  domain?: DossierContext;
}

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether a change leaves every fact a closed period's index reads as it was: the unit, receipt,
 * channel, index fields, due dates, bucket (waiting for a supplement), supplements and pauses
 * (lateness and overdue spans), end, rating and complaint. A hand-over (its status `processing`
 * included) changes none of them. The fold replaces what changes (the `index` object, array items),
 * never mutates it, so identity says "unchanged".
 */
function sameIndexFacts(a: DossierState, b: DossierState): boolean {
  return (
    a.unit === b.unit &&
    a.receivedAt === b.receivedAt &&
    a.channel === b.channel &&
    a.procedure === b.procedure &&
    a.index === b.index &&
    a.originalDueAt === b.originalDueAt &&
    a.dueAt === b.dueAt &&
    a.bucket === b.bucket &&
    a.supplementRequests === b.supplementRequests &&
    a.supplementRuleAt === b.supplementRuleAt &&
    a.dueAtSecondRequest === b.dueAtSecondRequest &&
    a.endAt === b.endAt &&
    a.endKind === b.endKind &&
    a.returnedAt === b.returnedAt &&
    a.rating === b.rating &&
    a.complaint === b.complaint &&
    sameItems(a.pauses, b.pauses) &&
    sameItems(a.apologies, b.apologies)
  );
}

export interface KeptWindow {
  from: number;
  to: number;
  byCode: Map<string, { counts: StoredIndexCounts | null; changesAfter: number | null }>;
  stale: Set<string>;
  /** Per scope, dossiers overdue at the window's end; null when a change may have moved it. */
  overdue: Map<ScopeKey, number> | null;
  /** The answer as last built; null when anything under it changed. */
  counts: Map<ScopeKey, IndexCounts> | null;
  /** Changes that reached the window: a backlog read while one arrived is used once, not kept. */
  changes: number;
}

/** How many closed windows are kept (months, quarters and years asked lately). */
const KEPT_WINDOWS = 16;

export function createClosedIndexCounts(deps: ClosedIndexDeps) {
  const windows = new Map<string, KeptWindow>();
  const keeps = deps.onDossierApplied !== undefined;

  deps.onDossierApplied?.((prev, next) => {
    if (windows.size === 0 || (prev !== null && prev !== next && sameIndexFacts(prev, next))) return;
    const since = Math.min(prev?.receivedAt ?? Infinity, next.receivedAt ?? Infinity);
    if (since === Infinity) return; // never received: in no window's counts
    const now = deps.now();
    for (const w of windows.values()) {
      if (w.to <= since) continue;
      w.changes++;
      if (prev !== null && deps.domain !== undefined && moveKeptCounts(w, prev, next, now, deps)) continue;
      if (prev?.unit != null) w.stale.add(prev.unit);
      if (next.unit !== null) w.stale.add(next.unit);
      w.overdue = null;
      w.counts = null;
    }
  });

  function windowOf(from: number, to: number): KeptWindow {
    const key = `${from}|${to}`;
    let w = windows.get(key);
    if (w === undefined || !keeps) {
      if (windows.size >= KEPT_WINDOWS) windows.delete(windows.keys().next().value as string);
      w = { from, to, byCode: new Map(), stale: new Set(deps.codes), overdue: null, counts: null, changes: 0 };
      windows.set(key, w);
    }
    return w;
  }

  /** Re-reads the codes marked stale, and those whose satisfaction moved with the clock. */
  async function refresh(w: KeptWindow, now: number): Promise<void> {
    for (const [code, c] of w.byCode) {
      if (c.changesAfter !== null && now > c.changesAfter) w.stale.add(code);
    }
    if (w.stale.size === 0) return;
    const codes = [...w.stale];
    w.stale.clear();
    w.counts = null;
    const changes = w.changes;
    const read = await Promise.all(codes.map((code) => deps.closed.unitCountsBetween(code, w.from, w.to, now)));
    codes.forEach((code, i) => w.byCode.set(code, { counts: read[i], changesAfter: read[i]?.changesAfter ?? null }));
    // A change that arrived during the reads may be in them or not: those codes are read again next time.
    if (w.changes !== changes) for (const code of codes) w.stale.add(code);
  }

  /** Per scope, dossiers overdue at instant `at` (the stored overdue spans). */
  async function overdueAt(at: number): Promise<Map<ScopeKey, number>> {
    return new Map([...(await overdueByScope(deps.past, deps.scopeOf, at))].map(([s, c]) => [s, c.dossiers]));
  }

  /** Every scope's counts of the closed window [from, to) (city: the sum of its units and departments). */
  async function countsOf(from: number, to: number): Promise<Map<ScopeKey, IndexCounts>> {
    const w = windowOf(from, to);
    const changes = w.changes;
    const overdue = w.overdue ?? (await overdueAt(to - 1));
    if (w.changes === changes) w.overdue = overdue;
    await refresh(w, deps.now());
    // A change that arrived during a read may not be in it: this answer uses what was read, none keeps it.
    const keep = w.changes === changes;
    if (keep && w.counts !== null) return w.counts;
    const flows = new Map<ScopeKey, { flow: Int32Array; open: number }>();
    const sumInto = (scope: ScopeKey, c: StoredIndexCounts) => {
      let acc = flows.get(scope);
      if (acc === undefined) {
        acc = { flow: new Int32Array(FLOW_COUNTERS), open: 0 };
        flows.set(scope, acc);
      }
      for (let i = 0; i < FLOW_COUNTERS; i++) acc.flow[i] += c.flow[i];
      acc.open += c.openAtEnd;
    };
    for (const [code, { counts }] of w.byCode) {
      const scope = deps.scopeOf(code);
      if (counts === null || scope === null || scope === 'city') continue; // a code no longer in the jurisdiction
      sumInto(scope, counts);
      sumInto('city', counts);
    }
    const counts = new Map<ScopeKey, IndexCounts>();
    for (const [scope, acc] of flows) {
      counts.set(scope, buildIndexCounts(acc.flow, { open: acc.open, overdue: overdue.get(scope) ?? 0 }));
    }
    if (keep) w.counts = counts;
    return counts;
  }

  return { countsOf };
}

export type ClosedIndexCounts = ReturnType<typeof createClosedIndexCounts>;
