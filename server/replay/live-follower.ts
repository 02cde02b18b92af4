/**
 * Checkpoints taken from the live stream (issue 16): as received, the state at a checkpoint's instant
 * T is the items' latest states when the first batch received after T arrives. Once the checkpoint
 * writer has caught up with the log, it hands its state over here; every committed batch's item
 * changes (the ingest path's before → after, which it folds anyway) are noted: each item's first
 * before taken out of the state, its latest after put in once, when a batch crosses a checkpoint
 * instant; that captures what the checkpoint stores (the changed keys, or the whole state) for the
 * writer to encode and store behind. No event is read back or refolded. Any gap in the seqs fed (a
 * batch logged elsewhere) drops the state: the writer then goes back to folding the log.
 */
import type { DossierContext } from '../domain/dossier.js';
import type { DossierState, TaskState } from '../domain/types.js';
import type { AppliedFootprints } from '../metrics/engine-types.js';
import type { DossierFootprint } from '../metrics/footprint.js';
import { pruneAhead } from './log-fold.js';
import {
  emptyCheckpoint,
  noneTouched,
  noteAhead,
  addDossier,
  addTask,
  takeDossier,
  takeTask,
  type CheckpointState,
  type Touched,
} from '../metrics/replay-state.js';

/** One committed batch as the ingest path publishes it (ingest/service.ts AppliedChanges). */
export interface AppliedBatch {
  /** The seqs it logged: every one in [firstSeq, lastSeq]. */
  firstSeq: number;
  lastSeq: number;
  /** Its events' arrival time (one per batch). */
  receivedAt: number;
  dossiers: readonly { prev: DossierState | null; next: DossierState }[];
  tasks: readonly { prev: TaskState | null; next: TaskState }[];
  /** The live engine's footprints of `dossiers` (same order), when it applied them first (not a history load's). */
  footprints?: readonly AppliedFootprints[];
}

/** A checkpoint captured at its instant: the parts it stores (a whole state, or the changed keys only). */
export interface CapturedCheckpoint {
  whole: boolean;
  state: CheckpointState;
}

export interface LiveFollowerOptions {
  ctx: DossierContext;
  everyMs: number;
  wholeEveryMs: number;
  /** Whether a checkpoint at `at` is a whole state by the writer's grid. */
  wholeAt: (at: number) => boolean;
  /** The checkpoint instant before an arrival (an empty log's state stands for it). */
  instantBefore: (receivedAt: number) => number;
  /** Crossing more than this many checkpoint instants at once drops the state (the log's path writes them). */
  maxCrossed?: number;
}

/** An item changed since the last capture: its latest state (and the live engine's footprint of it). */
interface Pending<S> {
  next: S;
  nextFp?: DossierFootprint;
}

/**
 * The items changed since the last capture, in the order of their latest change. An item's first
 * change takes its prev out of the state at once (nothing of it is kept), its latest state is put in
 * at the capture: the same state as every change in turn (putDossier, putTask), and an item changed
 * ten times in two hours of log time costs one put (a dossier's day is several events).
 */
function createPending(ctx: DossierContext) {
  const dossiers = new Map<string, Pending<DossierState>>();
  const tasks = new Map<string, Pending<TaskState>>();
  /** Notes an item's latest state; answers whether it was noted before (its prev is then not in the state). */
  function note<S>(m: Map<string, Pending<S>>, id: string, next: S, nextFp?: DossierFootprint): boolean {
    const p = m.get(id);
    if (p === undefined) {
      m.set(id, { next, nextFp });
      return false;
    }
    p.next = next;
    p.nextFp = nextFp;
    m.delete(id); // to the end: the state's maps then keep the order every change in turn gives them
    m.set(id, p);
    return true;
  }
  return {
    /** A batch's changes (its `prev` is the item's latest noted state, or what the state holds). */
    add(state: CheckpointState, b: AppliedBatch): void {
      const known = b.footprints !== undefined && b.footprints.length === b.dossiers.length ? b.footprints : undefined;
      for (let i = 0; i < b.dossiers.length; i++) {
        const { prev, next } = b.dossiers[i];
        const fp = known?.[i];
        if (!note(dossiers, next.id, next, fp?.next) && prev !== null) takeDossier(state, prev, ctx, fp?.prev);
      }
      for (const { prev, next } of b.tasks) if (!note(tasks, next.id, next)) takeTask(state, next.id, prev);
    },
    /** The noted latest states put into the state (against its instant), and forgotten. */
    putInto(state: CheckpointState): void {
      for (const p of dossiers.values()) {
        addDossier(state, p.next, ctx, p.nextFp);
        noteAhead(state, `dossier:${p.next.id}`, p.next.lastEventAt);
      }
      for (const p of tasks.values()) {
        addTask(state, p.next);
        noteAhead(state, `task:${p.next.id}`, p.next.lastEventAt);
      }
      dossiers.clear();
      tasks.clear();
    },
    clear(): void {
      dossiers.clear();
      tasks.clear();
    },
  };
}

type Mode = { kind: 'idle' } | { kind: 'buffering'; batches: AppliedBatch[] } | { kind: 'following'; state: CheckpointState };

export function createLiveFollower(opts: LiveFollowerOptions) {
  const { ctx, everyMs } = opts;
  const maxCrossed = opts.maxCrossed ?? Math.max(1, opts.wholeEveryMs / everyMs);
  let mode: Mode = { kind: 'idle' };
  let captured: CapturedCheckpoint[] = [];
  /** The followed state's changes not put into it yet (put at the next capture). */
  const pending = createPending(ctx);
  /** Whether a checkpoint is stored or captured before the next one (else the next must be whole). */
  let anyBefore = false;

  function drop(): void {
    mode = { kind: 'idle' };
    captured = [];
    pending.clear();
  }

  /** Puts a batch into the state; false when it does not follow on (a gap), or it crossed too far. */
  function put(state: CheckpointState, b: AppliedBatch): boolean {
    if (b.firstSeq !== state.seq + 1 || b.lastSeq < b.firstSeq) return false;
    if (Number.isNaN(state.at)) state.at = opts.instantBefore(b.receivedAt);
    let crossed = 0;
    for (let next = state.at + everyMs; b.receivedAt > next; next += everyMs) {
      if (++crossed > maxCrossed) return false;
      capture(state, next);
    }
    pending.add(state, b);
    state.seq = b.lastSeq;
    return true;
  }

  /** Moves the state's instant to `at` and captures its checkpoint; the changed keys start again. */
  function capture(state: CheckpointState, at: number): void {
    pending.putInto(state); // against the instant before (as each batch was when it came)
    state.at = at;
    pruneAhead(state, at);
    const whole = !anyBefore || opts.wholeAt(at);
    captured.push({ whole, state: whole ? copyWhole(state) : copyTouched(state) });
    anyBefore = true;
    state.touched = noneTouched();
  }

  return {
    /** A committed batch (from the ingest path, after its transaction). */
    applied(b: AppliedBatch): void {
      if (mode.kind === 'buffering') mode.batches.push(b);
      else if (mode.kind === 'following') {
        let ok = false;
        try {
          ok = put(mode.state, b);
        } catch {
          // Never in the ingest path's way (this runs after its commit): the writer folds the log again.
        }
        if (!ok) drop();
      }
    },
    /** From now until follow(), batches are kept: the writer is folding the log up to the seq it read. */
    beginHandover(): void {
      mode = { kind: 'buffering', batches: [] };
    },
    /**
     * Takes over the writer's state (every event up to state.seq folded; its instant the last checkpoint,
     * stored or not when `stored` is false and nothing is) and puts the batches kept since; false when they
     * did not follow on (the writer goes on from the log).
     */
    follow(state: CheckpointState, stored: boolean): boolean {
      if (mode.kind !== 'buffering') return false;
      const { batches } = mode;
      anyBefore = stored;
      captured = [];
      pending.clear();
      for (const b of batches)
        if (!put(state, b)) {
          drop();
          return false;
        }
      mode = { kind: 'following', state };
      return true;
    },
    /** An empty log: follows from its first batch on (its instant the one before that batch's arrival). */
    followEmpty(): void {
      mode = { kind: 'following', state: emptyCheckpoint(NaN) };
      anyBefore = false;
      captured = [];
      pending.clear();
    },
    /** The checkpoints captured since the last call, oldest first. */
    take(): CapturedCheckpoint[] {
      const out = captured;
      captured = [];
      return out;
    },
    /** The seq the followed state holds (null: not following). */
    followingSeq(): number | null {
      return mode.kind === 'following' ? mode.state.seq : null;
    },
    drop,
  };
}

export type LiveFollower = ReturnType<typeof createLiveFollower>;

/** The whole state as it stands (the item states are never changed once published: a shallow copy). */
function copyWhole(s: CheckpointState): CheckpointState {
  return {
    at: s.at,
    seq: s.seq,
    openDossiers: new Map(s.openDossiers),
    tasks: new Map(s.tasks),
    closedTasks: new Map(s.closedTasks),
    finished: new Map(s.finished),
    ahead: new Map(s.ahead),
    touched: noneTouched(),
  };
}

/** What a delta stores: the changed keys and their values now (the maps hold those keys only). */
function copyTouched(s: CheckpointState): CheckpointState {
  const t: Touched = s.touched;
  return {
    at: s.at,
    seq: s.seq,
    openDossiers: pick(s.openDossiers, t.openDossiers),
    tasks: pick(s.tasks, t.tasks),
    closedTasks: pick(s.closedTasks, t.closedTasks),
    finished: pick(s.finished, t.finished),
    ahead: pick(s.ahead, t.ahead),
    touched: t,
  };
}

function pick<V>(m: Map<string, V>, keys: Set<string>): Map<string, V> {
  const out = new Map<string, V>();
  for (const k of keys) {
    const v = m.get(k);
    if (v !== undefined) out.set(k, v);
  }
  return out;
}
