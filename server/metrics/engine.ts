/**
 * The incremental metrics engine: per-scope counters that move with every dossier or task update
 * and with the clock, never by scanning all rows. Pure: no I/O, the clock is injected.
 *
 * - Every counted dossier/task adds its footprint (footprint.ts) to its scope and to `city`;
 *   an update subtracts the previous footprint and adds the new one.
 * - Open items are kept with their footprint; their next classification change (due soon, overdue)
 *   sits in a min-heap, so `advance(now)` touches only the items whose time has come.
 * - Flow facts go to day/month buckets and current-window totals (flow-buckets.ts); a new Vietnam
 *   day rebuilds the windows that moved.
 * The engine's present only moves forward: it is the latest of its construction time, `advance(now)`
 * and the injected clock read at each update; every footprint is computed at that present.
 */
import type { DossierContext } from '../domain/dossier.js';
import type { DossierState, TaskState } from '../domain/types.js';
import { emptyIndexCounts, type IndexCounts } from '../domain/service-index-facts.js';
import { buildIndexCounts } from './index-counts.js';
import { FinishedLoader } from './finished-loader.js';
import {
  BACKLOG_COUNTERS,
  B_AWAITING_SUPPLEMENT,
  B_IN_PROGRESS,
  B_OVERDUE,
  B_TASKS_OPEN_OVERDUE,
  buildScopeMetrics,
  emptyScopeMetrics,
} from './counters.js';
import type { Alert, AppliedFootprints, DossierRecord, MetricsEngineDeps, OpenRecord, OverdueAtEnd, TaskRecord } from './engine-types.js';
import { FlowBuckets, ScopeState } from './flow-buckets.js';
import { dossierFootprint, sameDossierFootprint, sameTaskFootprint, taskFootprint } from './footprint.js';
import type { DossierFootprint, TaskFootprint } from './footprint.js';
import { onTimeRateBasis, windowDays } from './periods.js';
import { addDossierFootprint, addTaskFootprint, overdueBetween } from './scope-accounting.js';
import { NOT_SCHEDULED, TransitionSchedule } from './transition-schedule.js';
import { isAggregateScope, NO_PARENT, type ParentOf } from './scope-rollup.js';
import { PERIODS } from './types.js';
import type { Period, PeriodWindow, ScopeKey, ScopeMetrics } from './types.js';

export type { Alert, AppliedFootprints, MetricsEngineDeps, OverdueAtEnd } from './engine-types.js';

const PERIOD_INDEX = new Map<Period, number>(PERIODS.map((p, i) => [p, i]));
const NO_BACKLOG = new Int32Array(BACKLOG_COUNTERS);

export class MetricsEngine {
  private readonly ctx: DossierContext;
  private readonly scopeOf: (code: string) => ScopeKey | null;
  private readonly parentOf: ParentOf;
  private readonly clock: () => number;
  private present: number;
  private readonly flows: FlowBuckets;
  private readonly scopeStates = new Map<ScopeKey, ScopeState>();
  private readonly city: ScopeState;
  /** code → its scope state; null for codes scopeOf refuses. */
  private readonly codeScopes = new Map<string, ScopeState | null>();
  private readonly openDossiers = new Map<string, DossierRecord>();
  private readonly openTasks = new Map<string, TaskRecord>();
  private readonly transitions = new TransitionSchedule<OpenRecord>();
  private changed = new Set<ScopeKey>();
  /** Counts every change the engine is given or makes by the clock (see revision()). */
  private rev = 0;
  private pendingAlerts: Alert[] = [];
  private readonly dossierListeners: ((prev: DossierState | null, next: DossierState) => void)[] = [];

  constructor(deps: MetricsEngineDeps) {
    this.ctx = { calendar: deps.calendar, settings: deps.settings };
    this.scopeOf = deps.scopeOf;
    this.parentOf = deps.parentOf ?? NO_PARENT;
    this.clock = deps.now;
    this.present = deps.now();
    this.flows = new FlowBuckets(this.present, this.scopeStates);
    this.finished = new FinishedLoader(this.flows, (code) => this.scopeOfCode(code));
    this.city = this.scopeState('city');
    for (const key of deps.scopes ?? []) this.scopeState(key);
  }

  /** The engine's present, epoch ms. */
  get now(): number {
    return this.present;
  }

  /** Number of open dossiers and tasks kept for reclassification. */
  get openCount(): { dossiers: number; tasks: number } {
    return { dossiers: this.openDossiers.size, tasks: this.openTasks.size };
  }

  /**
   * Replaces a dossier's contribution: `prev` is the state last given to the engine for this id
   * (null for a new dossier), `next` its new state. Re-applying an unchanged state changes nothing.
   * Answers the footprints it took away and added (finished dossiers' facts: the time machine's follower takes them).
   */
  applyDossier(prev: DossierState | null, next: DossierState): AppliedFootprints {
    this.catchUp();
    this.rev++;
    const fp = this.replaceDossier(prev, next);
    for (const fn of this.dossierListeners) fn(prev, next);
    return fp;
  }

  /**
   * Calls `fn` with every dossier change applyDossier is given (not the restart's loads): what a reader
   * that keeps figures of closed periods invalidates them by.
   */
  onDossierApplied(fn: (prev: DossierState | null, next: DossierState) => void): void {
    this.dossierListeners.push(fn);
  }

  /** Replaces a task's contribution (see applyDossier). */
  applyTask(prev: TaskState | null, next: TaskState): void {
    this.catchUp();
    this.rev++;
    this.replaceTask(prev, next);
  }

  /** Restart: adds an open dossier's state, classified at the engine's present. */
  loadOpenDossier(state: DossierState): void {
    this.replaceDossier(null, state);
  }

  /** Restart: adds a task's state (open or not), classified at the engine's present. */
  loadTask(state: TaskState): void {
    this.replaceTask(null, state);
  }

  /** Restart: `count` closed tasks with this footprint (closed: it no longer depends on the present). */
  loadClosedTasks(fp: TaskFootprint, count: number): void {
    this.addTask(fp, count);
  }

  /** Restart: the facts of finished dossiers, one at a time or in groups (finished-loader.ts). */
  readonly finished: FinishedLoader;

  /**
   * The time machine's restored engine (engine-counters.ts): an open dossier whose contribution the
   * restored counters already hold, kept for reclassification and replacement as loadOpenDossier keeps
   * it, not counted again. Ignored when the engine keeps it already, or would not keep it.
   */
  adoptDossier(state: DossierState): void {
    if (this.openDossiers.has(state.id)) return;
    const fp = dossierFootprint(state, this.present, this.ctx);
    if (!fp.open || fp.code === null || this.scopeOfCode(fp.code) === null) return;
    const rec: DossierRecord = { kind: 'dossier', id: state.id, state, fp, scheduledAt: NOT_SCHEDULED, live: true };
    this.openDossiers.set(state.id, rec);
    this.schedule(rec, fp.nextTransitionAt);
  }

  /** As adoptDossier, for a task. */
  adoptTask(state: TaskState): void {
    if (this.openTasks.has(state.id)) return;
    const fp = taskFootprint(state, this.present);
    if (!fp.open || fp.code === null || this.scopeOfCode(fp.code) === null) return;
    const rec: TaskRecord = { kind: 'task', id: state.id, state, fp, scheduledAt: NOT_SCHEDULED, live: true };
    this.openTasks.set(state.id, rec);
    this.schedule(rec, fp.nextTransitionAt);
  }

  /** The open items whose next reclassification is scheduled at or before `t` (what a restored engine must adopt to reach t). */
  scheduledBy(t: number): { kind: 'dossier' | 'task'; id: string; at: number }[] {
    const out: { kind: 'dossier' | 'task'; id: string; at: number }[] = [];
    for (const recs of [this.openDossiers, this.openTasks])
      for (const r of recs.values())
        if (r.scheduledAt !== NOT_SCHEDULED && r.scheduledAt <= t) out.push({ kind: r.kind, id: r.id, at: r.scheduledAt });
    return out;
  }

  /** Every scope's counters at the present (engine-counters.ts encodes them). */
  countersView(): { scopes: ReadonlyMap<ScopeKey, ScopeState>; flows: FlowBuckets } {
    this.catchUp();
    this.flows.settle();
    return { scopes: this.scopeStates, flows: this.flows };
  }

  /** A scope's state, created if new (engine-counters.ts restores into it). */
  scopeForRestore(key: ScopeKey): ScopeState {
    return this.scopeState(key);
  }

  /**
   * Moves the present to `now` (epoch ms; an earlier instant is ignored), reclassifies the open
   * items whose next transition has come, rolls the period windows if the Vietnam day changed, and
   * returns the items that became overdue since the last call (including during updates that read
   * the clock in between). Each item is reported once per crossing.
   */
  advance(now: number = this.clock()): Alert[] {
    this.advanceTo(now);
    const alerts = this.pendingAlerts;
    this.pendingAlerts = [];
    return alerts;
  }

  /**
   * Metrics of a scope over the current window of a period (zeros for an unknown scope). O(histogram).
   * Backlog fields (inProgress, overdue, dueSoon, awaitingSupplement, tasks open*) are "now" for
   * every period.
   */
  metrics(scope: ScopeKey, period: Period): ScopeMetrics {
    // A read answers at the clock's present, not at the last scheduler step: "today" on a new day is
    // the new day even if no step ran since midnight. Alerts found on the way wait for the next advance().
    this.catchUp();
    const s = this.scopeStates.get(scope);
    if (s === undefined) return emptyScopeMetrics(onTimeRateBasis(period));
    const total = this.flows.total(s, PERIOD_INDEX.get(period) as number);
    const overdueNew = overdueBetween(s, windowDays(this.flows.window(period)));
    return buildScopeMetrics(total.counts, total.hist, s.backlog, overdueNew, onTimeRateBasis(period));
  }

  /**
   * Metrics of a scope over the previous window of a period (yesterday, last week, …), for "change vs
   * previous period". The engine keeps no past backlog: the caller passes the overdue backlog as it stood
   * at the end of that window (`overdueAtEnd`, from the store's overdue spans: the same definition as
   * the live count), so that onTimeRate is judged by the same rule as the current period's. Without it,
   * overdue counts are 0 and onTimeRate counts finished dossiers only. inProgress, dueSoon,
   * awaitingSupplement, tasks.openInTerm and tasks.noDeadline are not kept for past instants and are 0.
   */
  previousMetrics(scope: ScopeKey, period: Period, overdueAtEnd?: OverdueAtEnd): ScopeMetrics {
    const s = this.scopeStates.get(scope);
    if (s === undefined) return emptyScopeMetrics(onTimeRateBasis(period));
    return this.pastMetrics(s, this.flows.previous(s, period), period, overdueAtEnd);
  }

  /**
   * Metrics of a scope over a closed window of whole months (a named past month, quarter or year),
   * judged like `period` with the overdue backlog at its end (see previousMetrics); null when the
   * window is older than the months kept (1 January of the previous year).
   */
  closedMetrics(scope: ScopeKey, period: Period, window: PeriodWindow, overdueAtEnd?: OverdueAtEnd): ScopeMetrics | null {
    const s = this.scopeStates.get(scope);
    if (s === undefined) return emptyScopeMetrics(onTimeRateBasis(period));
    const b = this.flows.months(s, window);
    return b === null ? null : this.pastMetrics(s, b, period, overdueAtEnd);
  }

  /**
   * Metrics of a scope over one past Vietnam day (`day`, a day index still kept: the last 64 days),
   * judged like `today` (see previousMetrics for `overdueAtEnd`): the last working day, offered on a
   * day off.
   */
  dayMetrics(scope: ScopeKey, day: number, overdueAtEnd?: OverdueAtEnd): ScopeMetrics {
    const s = this.scopeStates.get(scope);
    if (s === undefined) return emptyScopeMetrics(onTimeRateBasis('today'));
    return this.pastMetrics(s, this.flows.day(s, day), 'today', overdueAtEnd);
  }

  private pastMetrics(s: ScopeState, b: { counts: Int32Array; hist: Int32Array | null }, period: Period, end?: OverdueAtEnd): ScopeMetrics {
    let backlog = NO_BACKLOG;
    if (end) {
      backlog = new Int32Array(BACKLOG_COUNTERS);
      backlog[B_OVERDUE] = end.dossiers;
      backlog[B_TASKS_OPEN_OVERDUE] = end.tasks;
    }
    return buildScopeMetrics(b.counts, b.hist, backlog, end?.dossiersNew ?? 0, onTimeRateBasis(period));
  }

  /**
   * Flow metrics of a scope over the same elapsed part of the previous window ("cùng kỳ": the first
   * 2 days of last month on the 2nd), for comparing counts of a period still running. No backlog.
   * Null when those days are no longer kept (the days of a partial month a quarter or a year ago).
   * `days`: whole Vietnam days from the previous window's start instead (the caller adds the part of
   * a last day, see http/past-flows.ts).
   */
  previousMetricsToDate(scope: ScopeKey, period: Period, days?: PeriodWindow): ScopeMetrics | null {
    const s = this.scopeStates.get(scope);
    if (s === undefined) return emptyScopeMetrics();
    const b = this.flows.previousToDate(s, period, days);
    return b === null ? null : buildScopeMetrics(b.counts, b.hist, NO_BACKLOG);
  }

  /**
   * The national service index counts of a scope over the current window of a period: flow facts of
   * the window, and the dossiers open now (the window's end so far) with those overdue now.
   */
  indexCounts(scope: ScopeKey, period: Period): IndexCounts {
    this.catchUp();
    const s = this.scopeStates.get(scope);
    if (s === undefined) return emptyIndexCounts();
    const total = this.flows.total(s, PERIOD_INDEX.get(period) as number);
    const open = s.backlog[B_IN_PROGRESS] + s.backlog[B_AWAITING_SUPPLEMENT];
    return buildIndexCounts(total.counts, { open, overdue: s.backlog[B_OVERDUE] });
  }

  /** The current window of a period. */
  window(period: Period): PeriodWindow {
    this.catchUp();
    return this.flows.window(period);
  }

  /** Every scope the engine knows: `city`, the pre-registered ones, and any that received data. */
  scopes(): ScopeKey[] {
    return [...this.scopeStates.keys()];
  }

  /**
   * A number that changes whenever any figure the engine answers may have (an applied dossier or task,
   * even one whose counters stay the same, a reclassification by the clock, a new day), read at the
   * clock's present: equal numbers mean equal answers, what a reader may cache its answers by.
   */
  revision(): number {
    this.catchUp();
    return this.rev;
  }

  /** Scopes whose metrics may have changed since the last call (all of them after a day roll). */
  drainChanged(): Set<ScopeKey> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────

  private catchUp(): void {
    const t = this.clock();
    if (t > this.present) this.advanceTo(t);
  }

  private advanceTo(now: number): void {
    if (!(now > this.present)) return;
    this.present = now;
    for (let rec = this.transitions.popDue(now); rec !== null; rec = this.transitions.popDue(now)) {
      if (rec.kind === 'dossier') this.reclassifyDossier(rec);
      else this.reclassifyTask(rec);
    }
    if (this.flows.moveTo(now)) {
      this.rev++;
      for (const key of this.scopeStates.keys()) this.changed.add(key);
    }
  }

  private reclassifyDossier(rec: DossierRecord): void {
    const old = rec.fp;
    const fp = dossierFootprint(rec.state, this.present, this.ctx);
    if (!sameDossierFootprint(old, fp)) {
      this.addDossier(old, -1);
      this.addDossier(fp, 1);
      if (!old.overdue && fp.overdue) this.alert('dossier', rec.id, fp.code as string, rec.state.dueAt);
    }
    rec.fp = fp;
    this.schedule(rec, fp.nextTransitionAt);
  }

  private reclassifyTask(rec: TaskRecord): void {
    const old = rec.fp;
    const fp = taskFootprint(rec.state, this.present);
    if (!sameTaskFootprint(old, fp)) {
      this.addTask(old, -1);
      this.addTask(fp, 1);
      if (!old.openOverdue && fp.openOverdue) this.alert('task', rec.id, fp.code as string, rec.state.dueAt);
    }
    rec.fp = fp;
    this.schedule(rec, fp.nextTransitionAt);
  }

  private alert(kind: Alert['kind'], id: string, code: string, dueAt: number | null): void {
    this.pendingAlerts.push({ kind, id, code, at: dueAt !== null && dueAt <= this.present ? dueAt : this.present });
  }

  private replaceDossier(prev: DossierState | null, next: DossierState): AppliedFootprints {
    let rec = this.openDossiers.get(next.id);
    // The stored footprint is exactly what was added; a finished prev's footprint does not depend on now.
    const old = rec !== undefined ? rec.fp : prev !== null ? dossierFootprint(prev, this.present, this.ctx) : null;
    const fp = dossierFootprint(next, this.present, this.ctx);
    if (old === null || !sameDossierFootprint(old, fp)) {
      if (old !== null) this.addDossier(old, -1);
      this.addDossier(fp, 1);
    }
    if (fp.open && fp.code !== null && this.scopeOfCode(fp.code) !== null) {
      if (rec === undefined) {
        rec = { kind: 'dossier', id: next.id, state: next, fp, scheduledAt: NOT_SCHEDULED, live: true };
        this.openDossiers.set(next.id, rec);
      }
      rec.state = next;
      rec.fp = fp;
      this.schedule(rec, fp.nextTransitionAt);
    } else if (rec !== undefined) {
      this.transitions.close(rec);
      this.openDossiers.delete(next.id);
    }
    return { prev: old, next: fp };
  }

  private replaceTask(prev: TaskState | null, next: TaskState): void {
    let rec = this.openTasks.get(next.id);
    const old = rec !== undefined ? rec.fp : prev !== null ? taskFootprint(prev, this.present) : null;
    const fp = taskFootprint(next, this.present);
    if (old === null || !sameTaskFootprint(old, fp)) {
      if (old !== null) this.addTask(old, -1);
      this.addTask(fp, 1);
    }
    if (fp.open && fp.code !== null && this.scopeOfCode(fp.code) !== null) {
      if (rec === undefined) {
        rec = { kind: 'task', id: next.id, state: next, fp, scheduledAt: NOT_SCHEDULED, live: true };
        this.openTasks.set(next.id, rec);
      }
      rec.state = next;
      rec.fp = fp;
      this.schedule(rec, fp.nextTransitionAt);
    } else if (rec !== undefined) {
      this.transitions.close(rec);
      this.openTasks.delete(next.id);
    }
  }

  private schedule(rec: OpenRecord, at: number | null): void {
    this.transitions.schedule(rec, at, this.present);
  }

  private addDossier(fp: DossierFootprint, sign: number): void {
    if (fp.code === null) return;
    const s = this.scopeOfCode(fp.code);
    if (s === null) return;
    this.addDossierTo(this.city, fp, sign);
    this.addDossierTo(s, fp, sign);
    if (s.parent !== null) this.addDossierTo(s.parent, fp, sign);
  }

  private addDossierTo(s: ScopeState, fp: DossierFootprint, sign: number): void {
    addDossierFootprint(this.flows, s, fp, sign);
    this.rev++;
    this.changed.add(s.key);
  }

  private addTask(fp: TaskFootprint, sign: number): void {
    if (fp.code === null) return;
    const s = this.scopeOfCode(fp.code);
    if (s === null) return;
    this.addTaskTo(this.city, fp, sign);
    this.addTaskTo(s, fp, sign);
    if (s.parent !== null) this.addTaskTo(s.parent, fp, sign);
  }

  private addTaskTo(s: ScopeState, fp: TaskFootprint, sign: number): void {
    addTaskFootprint(this.flows, s, fp, sign);
    this.rev++;
    this.changed.add(s.key);
  }

  private scopeOfCode(code: string): ScopeState | null {
    let s = this.codeScopes.get(code);
    if (s === undefined) {
      const key = this.scopeOf(code);
      s = key === null || isAggregateScope(key) ? null : this.scopeState(key);
      if (s !== null && key !== null && s.parent === null) {
        const parent = this.parentOf(key);
        if (parent !== null) s.parent = this.scopeState(parent);
      }
      this.codeScopes.set(code, s);
    }
    return s;
  }

  private scopeState(key: ScopeKey): ScopeState {
    let s = this.scopeStates.get(key);
    if (s === undefined) {
      s = new ScopeState(key);
      this.scopeStates.set(key, s);
      // A scope created after the windows were set has no history to rebuild: its totals start at 0.
    }
    return s;
  }
}
