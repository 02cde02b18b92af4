/**
 * Delta checkpoints (issue 16): between two whole states, each checkpoint stores only the parts the log
 * changed since the previous one (the keys in CheckpointState.touched, with their new value or a
 * removal). A state at H is then its day's whole state plus the deltas up to H, applied in order:
 * hourly checkpoints for about the storage of daily ones. The server writes them compact (replay-codec.ts);
 * the plain JSON forms read the rows written before.
 */
import type { DossierState, TaskState } from '../domain/types.js';
import { decodeDossier, encodeDossiers, type CompactDelta, type CompactWhole, type DossierTuple } from './replay-codec.js';
import { checkpointFromJson, noneTouched, type CheckpointState } from './replay-state.js';

/** A part's changed keys: the new value, or null for a key no longer there. */
type Changes<V> = [string, V | null][];

interface DeltaJson {
  at: number;
  seq: number;
  open: Changes<DossierState>;
  tasks: Changes<TaskState>;
  closedTasks: Changes<number>;
  finished: Changes<number>;
  ahead: Changes<number>;
}

function changes<V>(m: Map<string, V>, keys: Set<string>): Changes<V> {
  return [...keys].map((k) => [k, m.get(k) ?? null]);
}

function apply<V>(m: Map<string, V>, c: Changes<V>): void {
  for (const [k, v] of c) {
    if (v === null) m.delete(k);
    else m.set(k, v);
  }
}

/** What both delta forms store alike: the instant, and every part but the open dossiers. */
type OtherChanges = Omit<DeltaJson, 'open'>;

function otherChanges(cp: CheckpointState): OtherChanges {
  const t = cp.touched;
  return {
    at: cp.at,
    seq: cp.seq,
    tasks: changes(cp.tasks, t.tasks),
    closedTasks: changes(cp.closedTasks, t.closedTasks),
    finished: changes(cp.finished, t.finished),
    ahead: changes(cp.ahead, t.ahead),
  };
}

function applyOtherChanges(cp: CheckpointState, d: OtherChanges): void {
  apply(cp.tasks, d.tasks);
  apply(cp.closedTasks, d.closedTasks);
  apply(cp.finished, d.finished);
  apply(cp.ahead, d.ahead);
  cp.at = d.at;
  cp.seq = d.seq;
}

/** The changes since the last stored checkpoint, as JSON text (the store compresses it). */
export function deltaToJson(cp: CheckpointState): string {
  const body: DeltaJson = { ...otherChanges(cp), open: changes(cp.openDossiers, cp.touched.openDossiers) };
  return JSON.stringify(body);
}

/** Applies a delta to the state before it (mutates it); the state then stands for the delta's instant. */
export function applyDeltaJson(cp: CheckpointState, text: string): void {
  const d = JSON.parse(text) as DeltaJson;
  apply(cp.openDossiers, d.open);
  applyOtherChanges(cp, d);
}

/** A whole state as compact text (replay-codec.ts). */
export function checkpointToCompact(cp: CheckpointState): string {
  const { s, open } = encodeDossiers(cp.openDossiers.values());
  const body: CompactWhole = {
    at: cp.at,
    seq: cp.seq,
    s,
    open,
    tasks: [...cp.tasks.values()],
    closedTasks: [...cp.closedTasks],
    finished: [...cp.finished],
    ahead: [...cp.ahead],
  };
  return JSON.stringify(body);
}

function checkpointFromCompact(text: string): CheckpointState {
  const b = JSON.parse(text) as CompactWhole;
  const open = new Map<string, DossierState>();
  for (const t of b.open) open.set(t[0] as string, decodeDossier(t, b.s));
  return {
    at: b.at,
    seq: b.seq,
    openDossiers: open,
    tasks: new Map(b.tasks.map((t) => [t.id, t])),
    closedTasks: new Map(b.closedTasks as [string, number][]),
    finished: new Map(b.finished as [string, number][]),
    ahead: new Map(b.ahead as [string, number][]),
    touched: noneTouched(),
  };
}

/** The changes since the last stored checkpoint as compact text (replay-codec.ts). */
export function deltaToCompact(cp: CheckpointState): string {
  const t = cp.touched;
  const changed: DossierState[] = [];
  const gone: string[] = [];
  for (const id of t.openDossiers) {
    const d = cp.openDossiers.get(id);
    if (d === undefined) gone.push(id);
    else changed.push(d);
  }
  const { s, open } = encodeDossiers(changed);
  const body: CompactDelta = { ...otherChanges(cp), s, open, gone };
  return JSON.stringify(body);
}

function applyCompactDelta(cp: CheckpointState, text: string): void {
  const d = JSON.parse(text) as CompactDelta;
  for (const id of d.gone) cp.openDossiers.delete(id);
  for (const t of d.open) cp.openDossiers.set(t[0] as string, decodeDossier(t, d.s));
  applyOtherChanges(cp, d);
}

/** A stored checkpoint's text: a whole state, or a delta from the checkpoint before it; compact or plain JSON. */
export interface StoredCheckpoint {
  whole: boolean;
  json: string;
  /** Written by checkpointToCompact / deltaToCompact (absent: plain JSON, the rows written before). */
  compact?: boolean;
}

/** The state of a chain: a whole state and the deltas after it, oldest first. */
export function checkpointFromChain(chain: readonly StoredCheckpoint[]): CheckpointState {
  if (chain.length === 0 || !chain[0].whole) throw new Error('a checkpoint chain starts with a whole state');
  for (let i = 1; i < chain.length; i++) if (chain[i].whole) throw new Error('a checkpoint chain holds one whole state, first');
  if (chain.every((c) => c.compact)) return compactChain(chain);
  const cp = chain[0].compact ? checkpointFromCompact(chain[0].json) : checkpointFromJson(chain[0].json);
  for (let i = 1; i < chain.length; i++) {
    if (chain[i].compact) applyCompactDelta(cp, chain[i].json);
    else applyDeltaJson(cp, chain[i].json);
  }
  cp.touched = noneTouched();
  return cp;
}

/**
 * An all-compact chain's state, each open dossier decoded once, from the last text that holds it (a
 * dossier changed in the day's deltas was decoded once per delta: garbage, and ≈ 5 % of a cold replay).
 * The same state, in the same order, as decoding every text in turn.
 */
function compactChain(chain: readonly StoredCheckpoint[]): CheckpointState {
  const w = JSON.parse(chain[0].json) as CompactWhole;
  const pending = new Map<string, [DossierTuple, string[]]>();
  for (const t of w.open) pending.set(t[0] as string, [t, w.s]);
  const cp: CheckpointState = {
    at: w.at,
    seq: w.seq,
    openDossiers: new Map(),
    tasks: new Map(w.tasks.map((t) => [t.id, t])),
    closedTasks: new Map(w.closedTasks as [string, number][]),
    finished: new Map(w.finished as [string, number][]),
    ahead: new Map(w.ahead as [string, number][]),
    touched: noneTouched(),
  };
  for (let i = 1; i < chain.length; i++) {
    const d = JSON.parse(chain[i].json) as CompactDelta;
    for (const id of d.gone) pending.delete(id);
    for (const t of d.open) pending.set(t[0] as string, [t, d.s]);
    applyOtherChanges(cp, d);
  }
  for (const [id, [t, s]] of pending) cp.openDossiers.set(id, decodeDossier(t, s));
  return cp;
}

/** What a delta changed in a state: each key's value before and after (null: absent). */
export interface DeltaChanges {
  open: [string, DossierState | null, DossierState | null][];
  tasks: [string, TaskState | null, TaskState | null][];
  closedTasks: [string, number, number][];
  finished: [string, number, number][];
}

function tracked<V, W>(m: Map<string, V>, c: Changes<W>, value: (w: W) => V): [string, V | null, V | null][] {
  const out: [string, V | null, V | null][] = [];
  for (const [k, w] of c) {
    const next = w === null ? null : value(w);
    out.push([k, m.get(k) ?? null, next]);
    if (next === null) m.delete(k);
    else m.set(k, next);
  }
  return out;
}

const counted = (xs: [string, number | null, number | null][]): [string, number, number][] => xs.map(([k, a, b]) => [k, a ?? 0, b ?? 0]);

/**
 * applyCompactDelta that also answers what it changed (the counters writer moves an engine by it):
 * the same state afterwards.
 */
export function applyCompactDeltaTracked(cp: CheckpointState, text: string): DeltaChanges {
  const d = JSON.parse(text) as CompactDelta;
  const open = tracked<DossierState, DossierTuple | null>(
    cp.openDossiers,
    [...d.gone.map((id): [string, null] => [id, null]), ...d.open.map((t): [string, DossierTuple] => [t[0] as string, t])],
    (t) => decodeDossier(t as DossierTuple, d.s),
  );
  const same = <V>(v: V) => v;
  const changes: DeltaChanges = {
    open,
    tasks: tracked(cp.tasks, d.tasks, same),
    closedTasks: counted(tracked(cp.closedTasks, d.closedTasks, same)),
    finished: counted(tracked(cp.finished, d.finished, same)),
  };
  apply(cp.ahead, d.ahead);
  cp.at = d.at;
  cp.seq = d.seq;
  return changes;
}
