/**
 * A moment restored from a checkpoint's counters (issue 16; written by counters-writer.ts): the
 * engine's per-scope counters at the checkpoint's instant H are put back as they were, and only the
 * items that matter between H and T are loaded: those whose events differ (folded from the log), and
 * the open ones whose classification changes by the clock in between (the row's due list). Each of
 * them is adopted at H as the engine would hold it had it loaded every item (not counted again), then
 * the clock moves to T and the changes are applied: the same steps, on fewer items, as foldForward
 * on an engine loaded from the whole checkpoint. The open dossiers (the lists at T) are read from the
 * checkpoint's chain only when asked for.
 */
import type { ItemKey } from '../db/replay-late-repo.js';
import type { CheckpointMark, ReplayEventRow, ReplayRepo } from '../db/replay-repo.js';
import type { DossierContext } from '../domain/dossier.js';
import { emptyDossierState } from '../domain/dossier.js';
import { emptyTaskState } from '../domain/task.js';
import type { DossierState, TaskState } from '../domain/types.js';
import { restoreCounters } from '../metrics/engine-counters.js';
import { checkpointFromChain } from '../metrics/replay-delta.js';
import { isOpenDossier, newEngine, type EngineDeps, type ItemChange, type ReplayEngine } from '../metrics/replay-state.js';
import { baseSet, correctedItems, type CorrectedBase } from './corrected.js';
import type { StoredCounters } from './counters-writer.js';
import { foldDossierRows, foldOnDossier, foldTaskRows, itemChange, type EventSet } from './item-changes.js';

/** A replay whose fold from the nearest checkpoint would refold more items than the bound. */
export class ReplayTooLarge extends Error {
  constructor(
    readonly items: number,
    readonly max: number,
  ) {
    super(`the replay would refold ${items} items (more than ${max})`);
  }
}

/**
 * The open dossiers at a restored moment, read from the checkpoint's chain on the first read; the
 * changes put in before are kept aside and applied on top then.
 */
export class LazyOpen extends Map<string, DossierState> {
  private pending: Map<string, DossierState | null> | null = new Map();
  private load: (() => Iterable<DossierState>) | null = null;

  static of(load: () => Iterable<DossierState>): LazyOpen {
    const m = new LazyOpen();
    m.load = load;
    return m;
  }

  /** Whether the checkpoint's open dossiers were read. */
  get loaded(): boolean {
    return this.pending === null;
  }

  private ready(): void {
    if (this.pending === null) return;
    const pending = this.pending;
    this.pending = null;
    for (const d of this.load?.() ?? []) super.set(d.id, d);
    for (const [id, d] of pending) {
      if (d === null) super.delete(id);
      else super.set(id, d);
    }
  }

  override set(id: string, d: DossierState): this {
    if (this.pending !== null) this.pending.set(id, d);
    else super.set(id, d);
    return this;
  }
  override delete(id: string): boolean {
    if (this.pending === null) return super.delete(id);
    this.pending.set(id, null);
    return true;
  }
  override get(id: string): DossierState | undefined {
    this.ready();
    return super.get(id);
  }
  override has(id: string): boolean {
    this.ready();
    return super.has(id);
  }
  override get size(): number {
    this.ready();
    return super.size;
  }
  override clear(): void {
    this.ready();
    super.clear();
  }
  override forEach(fn: (d: DossierState, id: string, m: Map<string, DossierState>) => void, self?: unknown): void {
    this.ready();
    super.forEach(fn, self);
  }
  override entries(): MapIterator<[string, DossierState]> {
    this.ready();
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.ready();
    return super.keys();
  }
  override values(): MapIterator<DossierState> {
    this.ready();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[string, DossierState]> {
    return this.entries();
  }
}

export interface RestoredDeps {
  repo: ReplayRepo;
  ctx: DossierContext;
  engine: EngineDeps;
  maxItems: number;
}

/** A restored moment, kept to move on. */
export interface Restored {
  r: ReplayEngine;
  /** The log prefix folded (as received: every event up to it). */
  seq: number;
  /** The instant it stands for. */
  at: number;
  /** The latest instant its due list covers: past it, restore from a later checkpoint. */
  until: number;
  /** The checkpoint's items with an event about a time after its instant (as corrected starts from them). */
  ahead: Map<string, number>;
  /** Open items due to be reclassified, by when; those before `next` were taken. */
  due: StoredCounters['due'];
  next: number;
  /** `kind:id` → the item's state as the engine holds it now, for every item changed since the restore. */
  known: Map<string, DossierState | TaskState | null>;
}

/** The checkpoint at `mark` restored from its counters (null: it has none, or of another layout: read it whole). */
export function restore(deps: RestoredDeps, mark: CheckpointMark): Restored | null {
  const row = deps.repo.countersAt(mark.at);
  if (row === null || row.seq !== mark.seq) return null;
  const stored = JSON.parse(row.json) as StoredCounters;
  const open = LazyOpen.of(() => {
    const chain = deps.repo.atOrBefore(mark.at);
    return chain === null ? [] : [...checkpointFromChain(chain.chain).openDossiers.values()].filter(isOpenDossier);
  });
  const r = newEngine(deps.engine, mark.at, open);
  try {
    restoreCounters(r.engine, stored.counters);
  } catch {
    return null;
  }
  const due = stored.due.sort((a, b) => a[2] - b[2]);
  return { r, seq: mark.seq, at: mark.at, until: row.until, ahead: new Map(stored.ahead), due, next: 0, known: new Map() };
}

const keyOf = (kind: ItemKey['kind'], id: string) => `${kind}:${id}`;

/** The items' events up to `end`, read per kind at once (repo.ofItems): kind and id → its rows. */
export function eventsOfItems(
  repo: ReplayRepo,
  items: readonly ItemKey[],
  end: number,
): (kind: ItemKey['kind'], id: string) => ReplayEventRow[] {
  const ids = (kind: ItemKey['kind']) => items.filter((i) => i.kind === kind).map((i) => i.itemId);
  const byKind = { dossier: repo.ofItems('dossier', ids('dossier'), end), task: repo.ofItems('task', ids('task'), end) };
  return (kind, id) => byKind[kind].get(id) ?? [];
}

/** The due items up to `t` not taken yet, and not changed since the restore (the engine holds those as they are). */
function takeDue(rs: Restored, t: number, skip: ReadonlySet<string>): ItemKey[] {
  const out: ItemKey[] = [];
  for (; rs.next < rs.due.length && rs.due[rs.next][2] <= t; rs.next++) {
    const [k, itemId] = rs.due[rs.next];
    const kind = k === 0 ? 'dossier' : 'task';
    const key = keyOf(kind, itemId);
    if (!rs.known.has(key) && !skip.has(key)) out.push({ kind, itemId });
  }
  return out;
}

/** An unchanged item's state in the restored base (the log's events in `base`). */
function baseState(kind: ItemKey['kind'], id: string, rows: ReplayEventRow[], base: EventSet, ctx: DossierContext): ItemChange {
  const mine = rows.filter(base);
  return kind === 'dossier'
    ? { kind, id, prev: foldDossierRows(id, mine, ctx), next: null }
    : { kind, id, prev: foldTaskRows(id, mine), next: null };
}

/**
 * Moves the restored engine to `t`: every item it is about to reclassify or replace adopted at its
 * instant first (as an engine loaded with every item holds it), then the clock, then the changes.
 */
function moveTo(rs: Restored, t: number, adopt: readonly ItemChange[], changes: readonly ItemChange[]): void {
  const e = rs.r.engine;
  for (const c of [...adopt, ...changes]) {
    if (c.prev === null) continue;
    if (c.kind === 'dossier') e.adoptDossier(c.prev);
    else e.adoptTask(c.prev);
  }
  rs.r.moveTo(t);
  for (const c of changes) {
    if (c.prev === null && c.next === null) continue;
    if (c.kind === 'dossier') {
      e.applyDossier(c.prev, c.next ?? emptyDossierState(c.id));
      if (c.next !== null && isOpenDossier(c.next)) rs.r.open.set(c.id, c.next);
      else rs.r.open.delete(c.id);
    } else e.applyTask(c.prev, c.next ?? emptyTaskState(c.id));
    rs.known.set(keyOf(c.kind, c.id), c.next);
  }
  e.advance(t);
  rs.at = t;
}

/**
 * As received: the events received after the restored prefix up to `t`, from one scan of the log by
 * seq; a dossier changed since the restore folds them on from the state held, any other item is
 * refolded from its events. Answers how many items changed.
 */
export function receivedStep(deps: RestoredDeps, rs: Restored, t: number): number {
  const { repo, ctx } = deps;
  const cut = repo.receivedBy(rs.seq, t);
  const fresh = new Map<string, ReplayEventRow[]>();
  for (const row of repo.eventsIn(rs.seq, cut)) {
    const key = keyOf(row.kind, row.itemId);
    const rows = fresh.get(key);
    if (rows) rows.push(row);
    else fresh.set(key, [row]);
  }
  if (fresh.size > deps.maxItems) throw new ReplayTooLarge(fresh.size, deps.maxItems);
  const base: EventSet = (e) => e.seq <= rs.seq;
  const target: EventSet = (e) => e.seq <= cut;
  const changes: ItemChange[] = [];
  const refold: ItemKey[] = [];
  for (const [key, rows] of fresh) {
    const { kind, itemId } = rows[0];
    const held = kind === 'dossier' ? (rs.known.get(key) as DossierState | null | undefined) : undefined;
    const on = held && foldOnDossier(held, rows, ctx);
    if (held && on) changes.push({ kind: 'dossier', id: itemId, prev: held, next: on });
    else refold.push({ kind, itemId });
  }
  const due = takeDue(rs, t, new Set(fresh.keys()));
  const rowsOf = eventsOfItems(repo, [...refold, ...due], cut);
  for (const { kind, itemId } of refold) changes.push(itemChange(kind, itemId, rowsOf(kind, itemId), base, target, ctx));
  const adopt = due.map(({ kind, itemId }) => baseState(kind, itemId, rowsOf(kind, itemId), base, ctx));
  moveTo(rs, t, adopt, changes);
  rs.seq = cut;
  return changes.length;
}

/**
 * As corrected: the items whose state differs between the restored checkpoint and the events about
 * times ≤ `t` received by now (corrected.ts), each refolded from its events. Answers how many.
 */
export function correctedStep(deps: RestoredDeps, rs: Restored, t: number): number {
  const { repo, ctx } = deps;
  const end = repo.maxSeq();
  const from: CorrectedBase = { kind: 'received', seq: rs.seq, ahead: rs.ahead };
  const keys = new Set<string>();
  const todo: ItemKey[] = [];
  for (const item of correctedItems(repo, from, t, end)) if (keys.size !== keys.add(keyOf(item.kind, item.itemId)).size) todo.push(item);
  // The fold runs on the live server's main thread: past a bound it would stall every screen.
  if (todo.length > deps.maxItems) throw new ReplayTooLarge(todo.length, deps.maxItems);
  const base = baseSet(from);
  const target: EventSet = (e) => e.seq <= end && e.at <= t;
  const due = takeDue(rs, t, keys);
  const rowsOf = eventsOfItems(repo, [...todo, ...due], end);
  const changes = todo.map(({ kind, itemId }) => itemChange(kind, itemId, rowsOf(kind, itemId), base, target, ctx));
  const adopt = due.map(({ kind, itemId }) => baseState(kind, itemId, rowsOf(kind, itemId), base, ctx));
  moveTo(rs, t, adopt, changes);
  rs.seq = end;
  return changes.length;
}
