/**
 * Flow counters of each scope by Vietnam day and by Vietnam month, and running totals for the current
 * window of every period, kept in step: adding a fact dated on day d updates d's day bucket, d's month
 * bucket and each current total whose window contains d. When the Vietnam day changes, the totals of
 * the windows that moved are rebuilt from the buckets (once a day).
 *
 * Why months as well as days: a day bucket carries a 1,201-bin histogram, and keeping one per scope
 * per day for a year would cost hundreds of MB. Day buckets are kept only for the last
 * DAY_RETENTION_DAYS (enough for today, week, live and their previous windows); month, quarter and
 * year windows are whole months and are rebuilt from month buckets, kept from the start of the
 * previous year. Facts dated before that are not kept at all (no current or previous window reaches
 * them).
 *
 * Bulk load (a restart with millions of finished dossiers): addDeferred writes only the item's own
 * scope's buckets; the first read or update afterwards rebuilds the city's buckets as the sum of
 * its leaf scopes' (and a province's as the sum of its communes') and every total from the buckets, once.
 */
import { civilFromDays, daysFromCivil, vnDayIndex } from '../domain/time.js';
import { FLOW_COUNTERS, BACKLOG_COUNTERS, F_HIST_TOTAL } from './counters.js';
import { HISTOGRAM_BINS } from './histogram.js';
import { periodWindow, previousWindow, previousWindowToDate, windowDays } from './periods.js';
import { PERIODS } from './types.js';
import type { Period, PeriodWindow, ScopeKey } from './types.js';
import { isAggregateScope } from './scope-rollup.js';

/** Day buckets older than today − this many days are dropped (previous `live` starts at today − 59). */
export const DAY_RETENTION_DAYS = 64;

/** Integer counters of one day, one month, or one current window. */
export interface Bucket {
  counts: Int32Array;
  /** Dense processing-time histogram, allocated on the first duration. */
  hist: Int32Array | null;
  /** Bins at or above this index are all 0: sums and clears stop there (most durations are short). */
  histTop: number;
  /** The month bucket a day bucket rolls into (null for month buckets and totals). */
  month: Bucket | null;
}

function newBucket(month: Bucket | null): Bucket {
  return { counts: new Int32Array(FLOW_COUNTERS), hist: null, histTop: 0, month };
}

function addToBucket(b: Bucket, c1: number, c2: number, bin: number, sign: number): void {
  b.counts[c1] += sign;
  if (c2 >= 0) b.counts[c2] += sign;
  if (bin >= 0) {
    if (b.hist === null) b.hist = new Int32Array(HISTOGRAM_BINS);
    b.hist[bin] += sign;
    if (bin >= b.histTop) b.histTop = bin + 1;
    b.counts[F_HIST_TOTAL] += sign;
  }
}

function addBucketInto(into: Bucket, b: Bucket): void {
  for (let i = 0; i < FLOW_COUNTERS; i++) into.counts[i] += b.counts[i];
  if (b.hist !== null) {
    if (into.hist === null) into.hist = new Int32Array(HISTOGRAM_BINS);
    const top = b.histTop;
    for (let i = 0; i < top; i++) into.hist[i] += b.hist[i];
    if (top > into.histTop) into.histTop = top;
  }
}

function fillBucket(b: Bucket, counts: Int32Array, hist: Int32Array | null): void {
  b.counts.set(counts);
  if (hist === null) return;
  b.hist = hist;
  let top = hist.length;
  while (top > 0 && hist[top - 1] === 0) top--;
  b.histTop = top;
}

function clearBucket(b: Bucket): void {
  b.counts.fill(0);
  if (b.hist !== null) b.hist.fill(0, 0, b.histTop);
  b.histTop = 0;
}

/** Everything the engine counts for one scope. */
export class ScopeState {
  /** Open-now counters (B_* indexes). */
  readonly backlog = new Int32Array(BACKLOG_COUNTERS);
  /** Open overdue dossiers by the Vietnam day their lateness began (footprint.overdueDay). */
  readonly overdueByDay = new Map<number, number>();
  readonly days = new Map<number, Bucket>();
  readonly months = new Map<number, Bucket>();
  /** Running totals of the current window of each period, in PERIODS order. */
  readonly totals: Bucket[] = PERIODS.map(() => newBucket(null));
  /** A sum of leaf scopes (`city`, a province): never written by addDeferred, rebuilt from its leaves. */
  readonly aggregate: boolean;
  /** The province a leaf scope also counts in (scope-rollup.ts), set by the engine; null for none. */
  parent: ScopeState | null = null;

  constructor(readonly key: ScopeKey) {
    this.aggregate = isAggregateScope(key);
  }
}

const PERIOD_COUNT = PERIODS.length;
/** Periods whose windows are rebuilt from day buckets (the others are whole months). */
const DAY_GRAINED: ReadonlySet<Period> = new Set<Period>(['live', 'today', 'week']);
// Month index of a day is memoised over ~12 years from the retention start: civilFromDays returns
// an array, and the restart path calls this millions of times.
const MONTH_MEMO_DAYS = 12 * 366;

/** Month index (year × 12 + month − 1) of a Vietnam day index. */
export function monthIndexOfDay(day: number): number {
  const [y, m] = civilFromDays(day);
  return y * 12 + m - 1;
}

/** The day buckets, month buckets and current-window totals, for a clock that only moves forward. */
export class FlowBuckets {
  private readonly windowFromDay = new Int32Array(PERIOD_COUNT);
  private readonly windowToDay = new Int32Array(PERIOD_COUNT);
  private todayDay = Number.NaN;
  private now = Number.NaN;
  /** First day with a day bucket. */
  private dayRetentionFrom = 0;
  /** First day counted in month buckets (1 January of the previous year). */
  private monthRetentionFromDay = 0;
  private monthRetentionFrom = 0;
  private readonly monthMemo = new Int32Array(MONTH_MEMO_DAYS);
  private monthMemoBase = 0;
  /** Set by addDeferred: every total must be rebuilt from the buckets before it is read or updated. */
  private totalsStale = false;

  /** `scopes` is the engine's live registry: scopes added later are included in rebuilds. */
  constructor(
    now: number,
    private readonly scopes: ReadonlyMap<ScopeKey, ScopeState>,
  ) {
    this.setWindows(now);
    this.monthMemoBase = this.monthRetentionFromDay;
  }

  /** Vietnam day index of the engine's present. */
  get today(): number {
    return this.todayDay;
  }

  /** First Vietnam day index still counted anywhere (earlier facts can be skipped). */
  get firstCountedDay(): number {
    return this.monthRetentionFromDay;
  }

  /** The current window of a period. */
  window(period: Period): PeriodWindow {
    return periodWindow(period, this.now);
  }

  /**
   * Moves the present to `now` (epoch ms, not earlier than the last). When the Vietnam day changed,
   * rebuilds the totals of every window that moved, for every scope, drops expired buckets and
   * returns true.
   */
  moveTo(now: number): boolean {
    if (vnDayIndex(now) === this.todayDay) {
      this.now = now;
      return false;
    }
    const oldFrom = this.windowFromDay.slice();
    const oldTo = this.windowToDay.slice();
    this.setWindows(now);
    for (const s of this.scopes.values()) {
      for (let p = 0; p < PERIOD_COUNT; p++) {
        const moved = oldFrom[p] !== this.windowFromDay[p] || oldTo[p] !== this.windowToDay[p];
        if (moved && !this.totalsStale) this.rebuildTotal(s, p);
      }
      for (const day of s.days.keys()) if (day < this.dayRetentionFrom) s.days.delete(day);
      for (const month of s.months.keys()) if (month < this.monthRetentionFrom) s.months.delete(month);
    }
    if (this.totalsStale) this.rebuildAllTotals();
    return true;
  }

  /**
   * Adds `sign` (+1/−1) to counter c1, to counter c2 if ≥ 0, and to histogram bin `bin` if ≥ 0, for a
   * fact dated on Vietnam day `day` in scope `s`: to its buckets and to the current totals.
   * Allocates only when a bucket is first created.
   */
  add(s: ScopeState, day: number, c1: number, c2: number, bin: number, sign: number): void {
    if (this.totalsStale) this.rebuildAllTotals();
    if (!this.addToBuckets(s, day, c1, c2, bin, sign)) return;
    const from = this.windowFromDay;
    const to = this.windowToDay;
    for (let p = 0; p < PERIOD_COUNT; p++) {
      if (day >= from[p] && day < to[p]) addToBucket(s.totals[p], c1, c2, bin, sign);
    }
  }

  /**
   * Like add, for bulk loading, with a fraction of the random memory writes: updates the buckets of
   * scope `s` only (not `city`, not the totals). On the next read or update, the city's buckets are
   * rebuilt as the sum of every other scope's and all totals from the buckets, once.
   * `s` must not be the city.
   */
  addDeferred(s: ScopeState, day: number, c1: number, c2: number, bin: number, sign: number): void {
    if (this.addToBuckets(s, day, c1, c2, bin, sign)) this.totalsStale = true;
  }

  /** The running totals of `s` for the current window of the period with index p (in PERIODS). */
  total(s: ScopeState, p: number): Bucket {
    if (this.totalsStale) this.rebuildAllTotals();
    return s.totals[p];
  }

  /** Brings the city's buckets and every total up to date after deferred adds (before reading buckets). */
  settle(): void {
    if (this.totalsStale) this.rebuildAllTotals();
  }

  /**
   * Restores a scope's day and month buckets (engine-counters.ts): `days` and `months` as day or month
   * index → counters and histogram (null: none). Call restored() once every scope is in.
   */
  restoreBuckets(s: ScopeState, months: [number, Int32Array, Int32Array | null][], days: [number, Int32Array, Int32Array | null][]): void {
    for (const [month, counts, hist] of months) if (month >= this.monthRetentionFrom) fillBucket(this.monthBucket(s, month), counts, hist);
    for (const [day, counts, hist] of days) {
      if (day < this.dayRetentionFrom) continue;
      const b = newBucket(this.monthBucket(s, this.monthOf(day)));
      fillBucket(b, counts, hist);
      s.days.set(day, b);
    }
  }

  /** After restoreBuckets: every scope's totals rebuilt from its buckets. */
  restored(): void {
    for (const s of this.scopes.values()) for (let p = 0; p < PERIOD_COUNT; p++) this.rebuildTotal(s, p);
  }

  /** Adds to the day and month buckets; false when the day is too old to be kept. */
  private addToBuckets(s: ScopeState, day: number, c1: number, c2: number, bin: number, sign: number): boolean {
    if (day >= this.dayRetentionFrom) {
      let b = s.days.get(day);
      if (b === undefined) {
        b = newBucket(this.monthBucket(s, this.monthOf(day)));
        s.days.set(day, b);
      }
      addToBucket(b, c1, c2, bin, sign);
      addToBucket(b.month as Bucket, c1, c2, bin, sign);
    } else if (day >= this.monthRetentionFromDay) {
      addToBucket(this.monthBucket(s, this.monthOf(day)), c1, c2, bin, sign);
    } else {
      return false; // before every window the engine can answer for
    }
    return true;
  }

  private rebuildAllTotals(): void {
    this.totalsStale = false;
    this.rebuildAggregateBuckets();
    for (const s of this.scopes.values()) for (let p = 0; p < PERIOD_COUNT; p++) this.rebuildTotal(s, p);
  }

  /**
   * The aggregates' buckets (the city's, the provinces') as the sums of their leaf scopes' (each counted
   * item is in exactly one leaf).
   */
  private rebuildAggregateBuckets(): void {
    const city = this.scopes.get('city');
    if (city === undefined) return;
    for (const s of this.scopes.values()) {
      if (!s.aggregate) continue;
      s.days.clear();
      s.months.clear();
    }
    for (const s of this.scopes.values()) {
      if (s.aggregate) continue;
      this.addBucketsInto(city, s);
      if (s.parent !== null) this.addBucketsInto(s.parent, s);
    }
  }

  private addBucketsInto(into: ScopeState, s: ScopeState): void {
    for (const [month, b] of s.months) addBucketInto(this.monthBucket(into, month), b);
    for (const [day, b] of s.days) {
      let c = into.days.get(day);
      if (c === undefined) {
        c = newBucket(this.monthBucket(into, this.monthOf(day)));
        into.days.set(day, c);
      }
      addBucketInto(c, b);
    }
  }

  /** The flow counters of `s` on one Vietnam day (a fresh bucket; zeros for a day no longer kept). */
  day(s: ScopeState, day: number): Bucket {
    if (this.totalsStale) this.rebuildAllTotals();
    const into = newBucket(null);
    const b = s.days.get(day);
    if (b !== undefined) addBucketInto(into, b);
    return into;
  }

  /** The flow counters of `s` over the previous window of `period` (a fresh bucket). */
  previous(s: ScopeState, period: Period): Bucket {
    if (this.totalsStale) this.rebuildAllTotals(); // the city's buckets may be behind
    const into = newBucket(null);
    this.sumWindow(s, period, previousWindow(period, this.now), into);
    return into;
  }

  /**
   * The flow counters of `s` over the same elapsed part of the previous window (previousWindowToDate,
   * or `w`: whole Vietnam days from the previous window's start), or null when that part ends within a month whose days are no longer kept (a quarter or a year
   * ago): whole months from the month buckets, the days of a last, partial month from the day buckets.
   */
  previousToDate(s: ScopeState, period: Period, w: PeriodWindow = previousWindowToDate(period, this.now)): Bucket | null {
    if (this.totalsStale) this.rebuildAllTotals();
    const into = newBucket(null);
    if (DAY_GRAINED.has(period)) {
      this.sumWindow(s, period, w, into);
      return into;
    }
    const { fromDay, toDay } = windowDays(w);
    const [y, m, d] = civilFromDays(toDay);
    const partialFrom = d === 1 ? toDay : daysFromCivil(y, m, 1);
    if (partialFrom < toDay && partialFrom < this.dayRetentionFrom) return null;
    this.sumDays(s, false, fromDay, partialFrom, into);
    this.sumDays(s, true, partialFrom, toDay, into);
    return into;
  }

  /**
   * The flow counters of `s` over a closed window of whole months (a named month, quarter or year), or
   * null when it starts before the first month still kept (1 January of the previous year).
   */
  months(s: ScopeState, w: PeriodWindow): Bucket | null {
    if (this.totalsStale) this.rebuildAllTotals();
    const { fromDay, toDay } = windowDays(w);
    if (fromDay < this.monthRetentionFromDay) return null;
    const into = newBucket(null);
    this.sumDays(s, false, fromDay, toDay, into);
    return into;
  }

  private rebuildTotal(s: ScopeState, p: number): void {
    const total = s.totals[p];
    clearBucket(total);
    this.sumWindow(s, PERIODS[p], this.window(PERIODS[p]), total);
  }

  private sumWindow(s: ScopeState, period: Period, w: PeriodWindow, into: Bucket): void {
    const { fromDay, toDay } = windowDays(w);
    this.sumDays(s, DAY_GRAINED.has(period), fromDay, toDay, into);
  }

  /** Adds the buckets of days [fromDay, toDay): day by day, or month by month (then month-aligned). */
  private sumDays(s: ScopeState, byDay: boolean, fromDay: number, toDay: number, into: Bucket): void {
    if (fromDay >= toDay) return;
    if (byDay) {
      for (let d = fromDay; d < toDay; d++) {
        const b = s.days.get(d);
        if (b !== undefined) addBucketInto(into, b);
      }
    } else {
      const last = this.monthOf(toDay - 1);
      for (let m = this.monthOf(fromDay); m <= last; m++) {
        const b = s.months.get(m);
        if (b !== undefined) addBucketInto(into, b);
      }
    }
  }

  private setWindows(now: number): void {
    this.now = now;
    this.todayDay = vnDayIndex(now);
    for (let p = 0; p < PERIOD_COUNT; p++) {
      const { fromDay, toDay } = windowDays(periodWindow(PERIODS[p], now));
      this.windowFromDay[p] = fromDay;
      this.windowToDay[p] = toDay;
    }
    this.dayRetentionFrom = this.todayDay - DAY_RETENTION_DAYS;
    const [year] = civilFromDays(this.todayDay);
    this.monthRetentionFromDay = daysFromCivil(year - 1, 1, 1);
    this.monthRetentionFrom = (year - 1) * 12;
  }

  private monthBucket(s: ScopeState, month: number): Bucket {
    let b = s.months.get(month);
    if (b === undefined) {
      b = newBucket(null);
      s.months.set(month, b);
    }
    return b;
  }

  private monthOf(day: number): number {
    const i = day - this.monthMemoBase;
    if (i < 0 || i >= MONTH_MEMO_DAYS) return monthIndexOfDay(day);
    const memo = this.monthMemo[i];
    if (memo !== 0) return memo; // month indexes of real dates are > 0
    return (this.monthMemo[i] = monthIndexOfDay(day));
  }
}
