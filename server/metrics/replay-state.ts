/**
 * The time machine's pure half (issue 16): the metrics engine rebuilt at a past instant T from item
 * states, either from scratch (every item folded from its events) or from a checkpoint (the states
 * the log held at an earlier instant H) plus the items whose events differ between the two.
 *
 * A checkpoint keeps what the engine's restart path loads, no more: open dossiers' states, tasks'
 * states, and finished dossiers as their now-independent facts grouped by value (many dossiers share
 * them, and a finished dossier's footprint needs nothing else). Built incrementally, item by item.
 */
import type { DossierContext } from '../domain/dossier.js';
import { emptyDossierState } from '../domain/dossier.js';
import { emptyTaskState } from '../domain/task.js';
import type { DossierState, TaskState } from '../domain/types.js';
import { MetricsEngine } from './engine.js';
import type { MetricsEngineDeps } from './engine-types.js';
import type { AppliedFootprints } from './engine-types.js';
import type { DossierFootprint } from './footprint.js';
import {
  dossierFacts,
  footprintFacts,
  isCountedDossier,
  taskFootprint,
  type FinishedDossierFacts,
  type TaskFootprint,
} from './footprint.js';

export type ItemKind = 'dossier' | 'task';

/** The item states of the log's prefix up to `seq` (the events received by `at`), as the engine loads them. */
export interface CheckpointState {
  /** Log time it stands for, epoch ms. */
  at: number;
  /** The last event's seq it holds (every event with seq ≤ this one, and no other). */
  seq: number;
  openDossiers: Map<string, DossierState>;
  /** Assigned tasks still open (their footprint moves with the present); old checkpoints hold closed ones too. */
  tasks: Map<string, TaskState>;
  /** Closed tasks' footprints (code, assigned day, completed day, on time) as JSON → how many tasks have it. */
  closedTasks: Map<string, number>;
  /** JSON of a finished dossier's facts → how many dossiers have exactly these facts. */
  finished: Map<string, number>;
  /**
   * `kind:id` → the latest `at` among the item's events, for the items with an event about a time
   * after `at` (future-dated when it arrived): asked at T with events about times ≤ T only, these are
   * the items of the checkpoint whose state may hold an event that must be left out.
   */
  ahead: Map<string, number>;
  /** The keys changed since the last stored checkpoint, per part (what a delta checkpoint stores). */
  touched: Touched;
}

/** Keys changed in each part of a checkpoint. */
export interface Touched {
  openDossiers: Set<string>;
  tasks: Set<string>;
  closedTasks: Set<string>;
  finished: Set<string>;
  ahead: Set<string>;
}

export function noneTouched(): Touched {
  return { openDossiers: new Set(), tasks: new Set(), closedTasks: new Set(), finished: new Set(), ahead: new Set() };
}

export function emptyCheckpoint(at: number): CheckpointState {
  return {
    at,
    seq: 0,
    openDossiers: new Map(),
    tasks: new Map(),
    closedTasks: new Map(),
    finished: new Map(),
    ahead: new Map(),
    touched: noneTouched(),
  };
}

/** The facts' key in CheckpointState.finished: fixed field order, so equal facts give equal keys. */
function factsKey(f: FinishedDossierFacts): string {
  return JSON.stringify([
    f.code,
    f.receivedDay,
    f.online,
    f.endDay,
    f.outcome,
    f.processingBin,
    f.apologyDays,
    f.buckPassingCases,
    f.indexBits ?? 0,
  ]);
}

export function factsOfKey(key: string): FinishedDossierFacts {
  const [code, receivedDay, online, endDay, outcome, processingBin, apologyDays, buckPassingCases, indexBits] = JSON.parse(key) as [
    string,
    number,
    0 | 1,
    number,
    FinishedDossierFacts['outcome'],
    number | null,
    string | null,
    number,
    number,
  ];
  return { code, receivedDay, online, endDay, outcome, processingBin, apologyDays, buckPassingCases, indexBits };
}

/**
 * Replaces a dossier's part of the checkpoint: `prev` is what it held for this id (null: nothing), `next`
 * the new state. `known`: their footprints as the live engine computed them (a finished one's facts do
 * not depend on the instant), so that they are not computed twice.
 */
export function putDossier(
  cp: CheckpointState,
  prev: DossierState | null,
  next: DossierState,
  ctx: DossierContext,
  known?: AppliedFootprints,
): void {
  if (prev !== null) takeDossier(cp, prev, ctx, known?.prev);
  addDossier(cp, next, ctx, known?.next);
}

/**
 * The first half of putDossier: takes out what the checkpoint holds for `prev` (its open state, or its
 * facts' count). The live follower takes an item's first prev out as it comes and adds its latest state
 * at the checkpoint (addDossier), so that it holds no prev meanwhile.
 */
export function takeDossier(cp: CheckpointState, prev: DossierState, ctx: DossierContext, knownPrev?: DossierFootprint | null): void {
  // Touched only when its open state was or is held: a delta then names no dossier that was never open.
  if (cp.openDossiers.delete(prev.id)) cp.touched.openDossiers.add(prev.id);
  const f = knownPrev ? footprintFacts(knownPrev) : dossierFacts(prev, ctx);
  if (f !== null) addCount(cp.finished, cp.touched.finished, factsKey(f), -1);
}

/** The second half of putDossier: adds `next` (its open state, or its facts' count). */
export function addDossier(cp: CheckpointState, next: DossierState, ctx: DossierContext, knownNext?: DossierFootprint): void {
  const f = knownNext ? footprintFacts(knownNext) : dossierFacts(next, ctx);
  if (f !== null) addCount(cp.finished, cp.touched.finished, factsKey(f), 1);
  else if (isCountedDossier(next)) {
    cp.openDossiers.set(next.id, next);
    cp.touched.openDossiers.add(next.id);
  }
}

/** Notes an item's latest event time in `ahead` against the state's instant; touched only when it changes. */
export function noteAhead(cp: CheckpointState, key: string, latestAt: number, at: number = cp.at): void {
  const had = cp.ahead.get(key);
  if (latestAt > at) {
    if (had === latestAt) return;
    cp.ahead.set(key, latestAt);
  } else if (had === undefined) return;
  else cp.ahead.delete(key);
  cp.touched.ahead.add(key);
}

/** A closed task's key in CheckpointState.closedTasks (null: open or never assigned, no group). */
function closedTaskKey(t: TaskState): string | null {
  if (t.assignee === null || t.assignedAt === null || t.status === 'open') return null;
  const fp = taskFootprint(t, t.assignedAt);
  return JSON.stringify([fp.code, fp.assignedDay, fp.completedDay, fp.completedOnTime ? 1 : 0]);
}

export function closedTaskFootprint(key: string): TaskFootprint {
  const [code, assignedDay, completedDay, onTime] = JSON.parse(key) as [string, number, number | null, 0 | 1];
  const none = { open: false, openInTerm: false, openOverdue: false, noDeadline: false, nextTransitionAt: null };
  return { ...none, code, assignedDay, completedDay, completedOnTime: onTime === 1 };
}

function addCount(m: Map<string, number>, touched: Set<string>, key: string, by: number): void {
  touched.add(key);
  const n = (m.get(key) ?? 0) + by;
  if (n > 0) m.set(key, n);
  else m.delete(key);
}

/** Replaces a task's part of the checkpoint: `prev` is what it held for this id (null: nothing). */
export function putTask(cp: CheckpointState, prev: TaskState | null, next: TaskState): void {
  takeTask(cp, next.id, prev);
  addTask(cp, next);
}

/** The first half of putTask (as takeDossier): takes out what the checkpoint holds for task `id`, `prev`. */
export function takeTask(cp: CheckpointState, id: string, prev: TaskState | null): void {
  cp.touched.tasks.add(id);
  if (!cp.tasks.delete(id) && prev !== null) {
    const key = closedTaskKey(prev);
    if (key !== null) addCount(cp.closedTasks, cp.touched.closedTasks, key, -1);
  }
}

/** The second half of putTask: adds `next`. */
export function addTask(cp: CheckpointState, next: TaskState): void {
  cp.touched.tasks.add(next.id);
  const key = closedTaskKey(next);
  if (key !== null) addCount(cp.closedTasks, cp.touched.closedTasks, key, 1);
  else if (next.assignee !== null && next.assignedAt !== null) cp.tasks.set(next.id, next);
}

/** A replay engine and the hand that moves its clock. */
export interface ReplayEngine {
  engine: MetricsEngine;
  /** Moves the engine's present to `t` (reclassifies what came due meanwhile). */
  moveTo(t: number): void;
  /** The counted dossiers open at the engine's instant, by id, as folded then (the dossier lists at T). */
  open: Map<string, DossierState>;
}

/** Counted and not ended: a dossier the lists at T may show. */
export const isOpenDossier = (d: DossierState) => d.endAt === null && isCountedDossier(d);

/** Keeps `open` in step with a dossier's replaced state. */
function trackOpen(open: Map<string, DossierState>, id: string, next: DossierState | null): void {
  if (next !== null && isOpenDossier(next)) open.set(id, next);
  else open.delete(id);
}

export type EngineDeps = Omit<MetricsEngineDeps, 'now'>;

/** A replay engine at `at` with nothing in it; `open` may be given (a lazily loaded one: restored-at.ts). */
export function newEngine(deps: EngineDeps, at: number, open: Map<string, DossierState> = new Map()): ReplayEngine {
  let t = at;
  const engine = new MetricsEngine({ ...deps, now: () => t });
  return {
    engine,
    open,
    moveTo(next: number) {
      if (next > t) t = next;
      engine.advance(t);
    },
  };
}

/** The engine at the checkpoint's instant, loaded as a restart loads it. */
export function engineFromCheckpoint(cp: CheckpointState, deps: EngineDeps): ReplayEngine {
  const r = newEngine(deps, cp.at);
  for (const d of cp.openDossiers.values()) {
    r.engine.loadOpenDossier(d);
    trackOpen(r.open, d.id, d);
  }
  for (const t of cp.tasks.values()) r.engine.loadTask(t);
  for (const [key, n] of cp.closedTasks) r.engine.loadClosedTasks(closedTaskFootprint(key), n);
  for (const [key, n] of cp.finished) r.engine.finished.dossiers(factsOfKey(key), n);
  return r;
}

/** The engine at `at` from every item's state at `at` (the from-scratch fold the checkpoints must agree with). */
export function engineFromStates(dossiers: Iterable<DossierState>, tasks: Iterable<TaskState>, at: number, deps: EngineDeps): ReplayEngine {
  const r = newEngine(deps, at);
  for (const d of dossiers) {
    r.engine.loadOpenDossier(d);
    trackOpen(r.open, d.id, d);
  }
  for (const t of tasks) r.engine.loadTask(t);
  return r;
}

/** An item whose state at T differs from the one the engine holds: before (null: none) and at T (null: no event counts at T). */
export type ItemChange =
  | { kind: 'dossier'; id: string; prev: DossierState | null; next: DossierState | null }
  | { kind: 'task'; id: string; prev: TaskState | null; next: TaskState | null };

/**
 * Moves a replay engine to `at` and replaces the changed items. An item with no event left at T is
 * replaced by its empty state, which counts nowhere.
 */
export function foldForward(r: ReplayEngine, at: number, changes: Iterable<ItemChange>): void {
  r.moveTo(at);
  for (const c of changes) {
    if (c.kind === 'dossier') {
      if (c.prev === null && c.next === null) continue;
      r.engine.applyDossier(c.prev, c.next ?? emptyDossierState(c.id));
      trackOpen(r.open, c.id, c.next);
    } else {
      if (c.prev === null && c.next === null) continue;
      r.engine.applyTask(c.prev, c.next ?? emptyTaskState(c.id));
    }
  }
  r.engine.advance(at);
}

interface CheckpointJson {
  at: number;
  seq: number;
  open: DossierState[];
  tasks: TaskState[];
  /** Absent in checkpoints written before closed tasks were grouped. */
  closedTasks?: [string, number][];
  finished: [string, number][];
  ahead: [string, number][];
}

/** The checkpoint as JSON text (the store compresses it). */
export function checkpointToJson(cp: CheckpointState): string {
  const body: CheckpointJson = {
    at: cp.at,
    seq: cp.seq,
    open: [...cp.openDossiers.values()],
    tasks: [...cp.tasks.values()],
    closedTasks: [...cp.closedTasks],
    finished: [...cp.finished],
    ahead: [...cp.ahead],
  };
  return JSON.stringify(body);
}

export function checkpointFromJson(text: string): CheckpointState {
  const b = JSON.parse(text) as CheckpointJson;
  return {
    at: b.at,
    seq: b.seq,
    openDossiers: new Map(b.open.map((d) => [d.id, d])),
    tasks: new Map(b.tasks.map((t) => [t.id, t])),
    closedTasks: new Map(b.closedTasks ?? []),
    finished: new Map(b.finished),
    ahead: new Map(b.ahead),
    touched: noneTouched(),
  };
}
