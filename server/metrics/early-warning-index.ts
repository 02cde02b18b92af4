/**
 * The live side of the early warning, in memory beside the metrics engine and fed the same states:
 * - per scope (every unit or department, and the city), the open dossiers counted by the day they are
 *   overdue from if nothing happens (domain/forecast.ts), so the forecast at any horizon is a sum over a
 *   few dozen days, never a scan of the dossiers;
 * - the open dossiers by the day of their due date, for the early-warning list (a few days' worth is read);
 * - the open tasks, for the at-risk task list and the status-update rate (tasks are few);
 * - when each open dossier becomes at risk with no event (domain/early-warning.ts atRiskFrom), in a
 *   transition schedule, so `advance(now)` reports the dossiers that just became at risk without a scan.
 * None of the counters depends on the clock: a dossier's overdue-from instant and due day change only
 * with its events. Pure: no I/O; the clock is injected.
 */
import type { DossierContext } from '../domain/dossier.js';
import { atRiskAt } from '../domain/early-warning.js';
import { forecastKey, officeCloseMs, type ForecastKey } from '../domain/forecast.js';
import { sameOverdueInputs } from '../domain/overdue-spans.js';
import { MS_PER_HOUR, vnDayIndex, vnDayStartOfIndex } from '../domain/time.js';
import type { DossierState, TaskState } from '../domain/types.js';
import type { Horizons } from './forecast.js';
import { NOT_SCHEDULED, TransitionSchedule, type Scheduled } from './transition-schedule.js';
import type { ScopeKey } from './types.js';

/** An open dossier that just became at risk; the caller turns it into `alert:raised` of kind `at_risk`. */
export interface AtRiskAlert {
  kind: 'at_risk';
  id: string;
  /** Unit or department code. */
  code: string;
  /** When it became at risk, epoch ms. */
  at: number;
  /** Its due time then, epoch ms (with the id, what "pushed once" is remembered by). */
  dueAt: number;
}

/** Counts of open dossiers overdue at the forecast's horizons if nothing happens. */
export interface ForecastCounts {
  today: number;
  nextWorkingDay: number;
  week: number;
  /** Overdue at the period's end. */
  periodEnd: number;
  /** Overdue at the period's end whose lateness began within the period (the `new` basis). */
  periodNew: number;
  /** At risk now. */
  atRisk: number;
}

interface WatchedDossier extends Scheduled {
  id: string;
  state: DossierState;
  code: string;
  scopes: ScopeWarnings[];
  key: ForecastKey | null;
  dueDay: number;
  atRisk: boolean;
}

const bump = (m: Map<number, number>, k: number, by: number): void => {
  const n = (m.get(k) ?? 0) + by;
  if (n === 0) m.delete(k);
  else m.set(k, n);
};

/** One scope's counters and indexes. */
class ScopeWarnings {
  /** Open dossiers with an overdue-from instant, by its Vietnam day. */
  readonly fromDay = new Map<number, number>();
  /** Of those, the ones overdue from after that day's close of office. */
  readonly fromAfterClose = new Map<number, number>();
  /** By the day their lateness begins in working time. */
  readonly workDay = new Map<number, number>();
  atRisk = 0;
  /** Open dossiers by the Vietnam day of their due date in force. */
  readonly byDueDay = new Map<number, Map<string, WatchedDossier>>();
  /** Open tasks by id. */
  readonly tasks = new Map<string, TaskState>();

  /** Adds (+1) or takes away (−1) a dossier's forecast key and at-risk flag. */
  count(key: ForecastKey | null, atRisk: boolean, sign: 1 | -1): void {
    if (key !== null) {
      bump(this.fromDay, key.fromDay, sign);
      if (key.afterClose) bump(this.fromAfterClose, key.fromDay, sign);
      bump(this.workDay, key.workDay, sign);
    }
    if (atRisk) this.atRisk += sign;
  }

  /** Puts a dossier in (+1) or takes it out of (−1) the index of due days, at its `dueDay`. */
  index(rec: WatchedDossier, sign: 1 | -1): void {
    let day = this.byDueDay.get(rec.dueDay);
    if (sign > 0) {
      if (day === undefined) this.byDueDay.set(rec.dueDay, (day = new Map()));
      day.set(rec.id, rec);
    } else if (day !== undefined) {
      day.delete(rec.id);
      if (day.size === 0) this.byDueDay.delete(rec.dueDay);
    }
  }
}

/** States applyDossierLater holds at most (≈ 2 s of ingest at full speed); beyond, they are applied at once. */
const MAX_QUEUED = 50_000;

const sameKey = (a: ForecastKey | null, b: ForecastKey | null): boolean =>
  a === b || (a !== null && b !== null && a.fromDay === b.fromDay && a.afterClose === b.afterClose && a.workDay === b.workDay);

export interface EarlyWarningDeps extends DossierContext {
  /** `unit:<code>` or `department:<code>` of a code; null → the item is ignored (as the engine does). */
  scopeOf: (code: string) => ScopeKey | null;
  now: () => number;
}

export class EarlyWarningIndex {
  private readonly ctx: DossierContext;
  private readonly closeMs: number;
  private readonly scopeOf: (code: string) => ScopeKey | null;
  private readonly clock: () => number;
  private present: number;
  private readonly city = new ScopeWarnings();
  private readonly scopes = new Map<ScopeKey, ScopeWarnings>();
  private readonly dossiers = new Map<string, WatchedDossier>();
  private readonly taskScopes = new Map<string, ScopeWarnings[]>();
  private readonly codeScopes = new Map<string, ScopeWarnings[] | null>();
  private readonly schedule = new TransitionSchedule<WatchedDossier>();
  private pending: AtRiskAlert[] = [];
  /** States handed in by applyDossierLater and not applied yet: the latest per dossier. */
  private readonly queued = new Map<string, DossierState>();

  constructor(deps: EarlyWarningDeps) {
    this.ctx = { calendar: deps.calendar, settings: deps.settings };
    this.closeMs = officeCloseMs(deps.settings.officeHours);
    this.scopeOf = deps.scopeOf;
    this.clock = deps.now;
    this.present = deps.now();
  }

  /** A dossier's latest state (new, changed, finished). Re-applying the same state changes nothing. */
  applyDossier(state: DossierState): void {
    this.catchUp();
    this.apply(state);
  }

  /**
   * The same, off the ingest path's answer: the state is applied at the next read or clock step (every
   * one applies what is queued first, so a read after an answer sees its batch), and a dossier changed
   * by several batches in between is applied once, in its latest state. The state must not change
   * afterwards (the ingest path's committed states never do).
   */
  applyDossierLater(state: DossierState): void {
    this.queued.delete(state.id);
    this.queued.set(state.id, state);
    // A caller that never yields to the clock step (an import loop) must not hold every state it changed.
    if (this.queued.size >= MAX_QUEUED) this.applyQueued();
  }

  /** Whether applying a state of this dossier may change anything: it is watched, or a state of it waits. */
  watches(id: string): boolean {
    return this.dossiers.has(id) || this.queued.has(id);
  }

  /** How many states wait for the next read or clock step (for tests and diagnostics). */
  get queuedSize(): number {
    return this.queued.size;
  }

  /**
   * Applies the queued states at the present they were queued after, before the clock moves on: a
   * dossier finished (or moved) since must not raise what its older state would have at the next step.
   */
  private applyQueued(): void {
    if (this.queued.size === 0) return;
    for (const state of this.queued.values()) this.apply(state);
    this.queued.clear();
  }

  private apply(state: DossierState): void {
    const old = this.dossiers.get(state.id);
    const scopes = state.endAt === null && state.dueAt !== null && state.receivedAt !== null ? this.scopesOf(state.unit) : null;
    if (scopes === null) {
      if (old !== undefined) this.drop(old);
      return;
    }
    const risk = atRiskAt(state, this.present, this.ctx);
    // This runs for every changed dossier of every batch: what most events leave alone (the overdue
    // spans' inputs, the due date) is not recomputed.
    const key = old !== undefined && sameOverdueInputs(old.state, state) ? old.key : forecastKey(state, this.ctx.calendar, this.closeMs);
    const dueDay = old !== undefined && old.state.dueAt === state.dueAt ? old.dueDay : vnDayIndex(state.dueAt as number);
    // Most updates are of a dossier already watched: its record changes in place, its entries move only if they must.
    const rec: WatchedDossier = old ?? {
      id: state.id,
      state,
      code: '',
      scopes,
      key: null,
      dueDay,
      atRisk: false,
      scheduledAt: NOT_SCHEDULED,
      live: true,
    };
    const moved = old === undefined || old.scopes[0] !== scopes[0];
    if (moved || !sameKey(rec.key, key) || rec.atRisk !== risk.atRisk) {
      if (old !== undefined) for (const s of old.scopes) s.count(old.key, old.atRisk, -1);
      for (const s of scopes) s.count(key, risk.atRisk, 1);
    }
    if (moved || rec.dueDay !== dueDay) {
      if (old !== undefined) for (const s of old.scopes) s.index(old, -1);
      rec.dueDay = dueDay;
      for (const s of scopes) s.index(rec, 1);
    }
    const became = risk.atRisk && !rec.atRisk;
    rec.state = state;
    rec.code = state.unit as string;
    rec.scopes = scopes;
    rec.key = key;
    rec.atRisk = risk.atRisk;
    if (became) this.raise(rec, risk.from as number);
    if (old === undefined) this.dossiers.set(state.id, rec);
    this.schedule.schedule(rec, risk.nextChange, this.present);
  }

  /** A task's latest state: kept while open. */
  applyTask(state: TaskState): void {
    const old = this.taskScopes.get(state.id);
    if (old !== undefined) for (const s of old) s.tasks.delete(state.id);
    this.taskScopes.delete(state.id);
    const scopes = state.status === 'open' && state.assignedAt !== null ? this.scopesOf(state.assignee) : null;
    if (scopes === null) return;
    for (const s of scopes) s.tasks.set(state.id, state);
    this.taskScopes.set(state.id, scopes);
  }

  /**
   * Moves the present to `now` (an earlier instant is ignored) and returns the dossiers that became at
   * risk since the last call — by the clock or by an update — each once per crossing.
   */
  advance(now: number = this.clock()): AtRiskAlert[] {
    this.applyQueued();
    this.moveTo(now);
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Counts of open dossiers overdue at the horizons if nothing happens, and at risk now, in a scope. */
  forecast(scope: ScopeKey, h: Horizons): ForecastCounts {
    this.catchUp();
    const s = this.scopeState(scope);
    const out: ForecastCounts = { today: 0, nextWorkingDay: 0, week: 0, periodEnd: 0, periodNew: 0, atRisk: s?.atRisk ?? 0 };
    if (s === undefined) return out;
    const next = h.nextWorkingDay.day;
    for (const [day, n] of s.fromDay) {
      if (day <= h.today.day) out.today += n;
      if (day < next) out.nextWorkingDay += n;
      else if (day === next) out.nextWorkingDay += n - (s.fromAfterClose.get(day) ?? 0);
      if (day <= h.week.day) out.week += n;
      if (day <= h.periodEnd.lastDay) out.periodEnd += n;
    }
    for (const [day, n] of s.workDay) if (day >= h.periodEnd.fromDay && day <= h.periodEnd.lastDay) out.periodNew += n;
    return out;
  }

  /**
   * States of the open dossiers of a scope due from the start of today until the first day whose start is
   * already more than the at-risk rule's working hours away — every candidate of the early-warning list
   * (the caller applies the rule exactly: dossierWarning's `listed`).
   */
  dueSoonCandidates(scope: ScopeKey): DossierState[] {
    this.catchUp();
    const s = this.scopeState(scope);
    if (s === undefined) return [];
    const withinMs = this.ctx.settings.accountability.atRiskDueWithinWorkingHours * MS_PER_HOUR;
    const out: DossierState[] = [];
    const today = vnDayIndex(this.present);
    for (let d = today; d === today || this.ctx.calendar.workingMsBetween(this.present, vnDayStartOfIndex(d)) <= withinMs; d++) {
      for (const rec of s.byDueDay.get(d)?.values() ?? []) out.push(rec.state);
    }
    return out;
  }

  /** The open tasks of a scope. */
  openTasks(scope: ScopeKey): Iterable<TaskState> {
    this.applyQueued();
    return this.scopeState(scope)?.tasks.values() ?? [];
  }

  /** The index's present, epoch ms. */
  get now(): number {
    return this.present;
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────

  private catchUp(): void {
    this.applyQueued();
    this.moveTo(this.clock());
  }

  private moveTo(now: number): void {
    if (!(now > this.present)) return;
    this.present = now;
    for (let rec = this.schedule.popDue(now); rec !== null; rec = this.schedule.popDue(now)) {
      const risk = atRiskAt(rec.state, now, this.ctx);
      if (risk.atRisk !== rec.atRisk) {
        for (const s of rec.scopes) s.count(null, true, risk.atRisk ? 1 : -1);
        rec.atRisk = risk.atRisk;
        if (risk.atRisk) this.raise(rec, risk.from as number);
      }
      this.schedule.schedule(rec, risk.nextChange, now);
    }
  }

  /** `from`: when it became at risk (at or before the present). */
  private drop(rec: WatchedDossier): void {
    for (const s of rec.scopes) {
      s.count(rec.key, rec.atRisk, -1);
      s.index(rec, -1);
    }
    this.schedule.close(rec);
    this.dossiers.delete(rec.id);
  }

  private raise(rec: WatchedDossier, from: number): void {
    this.pending.push({ kind: 'at_risk', id: rec.id, code: rec.code, at: Math.min(from, this.present), dueAt: rec.state.dueAt as number });
  }

  /** The scope of a code and the city, or null for a code scopeOf refuses (one array per code). */
  private scopesOf(code: string | null): ScopeWarnings[] | null {
    if (code === null) return null;
    let scopes = this.codeScopes.get(code);
    if (scopes === undefined) {
      const key = this.scopeOf(code);
      if (key === null || key === 'city') scopes = null;
      else {
        let s = this.scopes.get(key);
        if (s === undefined) this.scopes.set(key, (s = new ScopeWarnings()));
        scopes = [s, this.city];
      }
      this.codeScopes.set(code, scopes);
    }
    return scopes;
  }

  private scopeState(scope: ScopeKey): ScopeWarnings | undefined {
    return scope === 'city' ? this.city : this.scopes.get(scope);
  }
}
