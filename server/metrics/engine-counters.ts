/**
 * The metrics engine's per-scope counters as plain JSON, and back (issue 16): what the time machine
 * stores beside a checkpoint's item states, so that a moment's figures are restored, not rebuilt by
 * loading every open dossier and every finished group. Exact: a restored engine answers every
 * metrics() read as the engine it was taken from (zero buckets and empty histograms are left out: a
 * read cannot tell them from absent ones).
 */
import { BACKLOG_COUNTERS, FLOW_COUNTERS } from './counters.js';
import type { MetricsEngine } from './engine.js';
import { HISTOGRAM_BINS } from './histogram.js';
import type { ScopeKey } from './types.js';

/** One bucket: its index (day or month), its counters, its histogram as [bin, count] pairs flattened (absent: none). */
type BucketJson = [number, number[], number[]?];

/** One scope: key, backlog counters, open overdue dossiers by the day their lateness began (flattened pairs), months, days. */
type ScopeJson = [ScopeKey, number[], number[], BucketJson[], BucketJson[]];

export interface EngineCounters {
  /** The engine's present they stand for. */
  at: number;
  scopes: ScopeJson[];
}

const isZero = (xs: ArrayLike<number>) => {
  for (let i = 0; i < xs.length; i++) if (xs[i] !== 0) return false;
  return true;
};

function bucketJson(index: number, counts: Int32Array, hist: Int32Array | null): BucketJson | null {
  const pairs: number[] = [];
  if (hist !== null) for (let i = 0; i < hist.length; i++) if (hist[i] !== 0) pairs.push(i, hist[i]);
  if (pairs.length === 0 && isZero(counts)) return null;
  return pairs.length === 0 ? [index, Array.from(counts)] : [index, Array.from(counts), pairs];
}

function bucketsJson(m: ReadonlyMap<number, { counts: Int32Array; hist: Int32Array | null }>): BucketJson[] {
  const out: BucketJson[] = [];
  for (const [index, b] of m) {
    const j = bucketJson(index, b.counts, b.hist);
    if (j !== null) out.push(j);
  }
  // In index order: equal counters give equal text, whatever order their buckets were made in.
  return out.sort((a, b) => a[0] - b[0]);
}

/** The engine's counters at its present. */
export function engineCounters(engine: MetricsEngine): EngineCounters {
  const { scopes } = engine.countersView();
  const out: ScopeJson[] = [];
  for (const [key, s] of scopes) {
    const overdue: number[] = [];
    for (const day of [...s.overdueByDay.keys()].sort((a, b) => a - b)) overdue.push(day, s.overdueByDay.get(day)!);
    out.push([key, Array.from(s.backlog), overdue, bucketsJson(s.months), bucketsJson(s.days)]);
  }
  return { at: engine.now, scopes: out };
}

function bucketOf(j: BucketJson): [number, Int32Array, Int32Array | null] {
  if (j[1].length !== FLOW_COUNTERS) throw new Error('counters of another layout');
  const counts = new Int32Array(FLOW_COUNTERS);
  counts.set(j[1]);
  const pairs = j[2];
  if (pairs === undefined) return [j[0], counts, null];
  const hist = new Int32Array(HISTOGRAM_BINS);
  for (let i = 0; i < pairs.length; i += 2) hist[pairs[i]] = pairs[i + 1];
  return [j[0], counts, hist];
}

/** Puts the counters into a new engine whose present is their instant (nothing loaded into it yet). */
export function restoreCounters(engine: MetricsEngine, c: EngineCounters): void {
  if (engine.now !== c.at) throw new Error('counters are restored into an engine at their own instant');
  const { flows } = engine.countersView();
  for (const [key, backlog, overdue, months, days] of c.scopes) {
    const s = engine.scopeForRestore(key);
    if (backlog.length !== BACKLOG_COUNTERS) throw new Error('counters of another layout');
    s.backlog.set(backlog);
    for (let i = 0; i < overdue.length; i += 2) s.overdueByDay.set(overdue[i], overdue[i + 1]);
    flows.restoreBuckets(s, months.map(bucketOf), days.map(bucketOf));
  }
  flows.restored();
}
