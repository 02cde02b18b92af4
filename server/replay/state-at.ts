/**
 * The metrics state of the jurisdiction at a past instant T, from the event log (issue 16):
 * - `received`: the events the server had received by T (the log's prefix up to the first later
 *   arrival): what the leaders were shown at T;
 * - `corrected`: every event about a time ≤ T, received by now (late syncs and corrections included).
 * Starts from the latest checkpoint at or before T (replay_checkpoints; as corrected before the first
 * of them, the history's by event time: replay_history) and folds forward only the items whose events
 * differ between the checkpoint and T (as corrected, found through the late events' index: corrected.ts). Read-only: the live engine and the
 * projections are never touched; each answer is a new engine of its own.
 */
import type { ItemKey } from '../db/replay-late-repo.js';
import type { CheckpointMark, ReplayRepo, ReplayEventRow } from '../db/replay-repo.js';
import type { DomainSettings, Jurisdiction, WorkCalendar } from '../domain/types.js';
import type { ScopeKey } from '../metrics/types.js';
import { checkpointFromChain } from '../metrics/replay-delta.js';
import {
  emptyCheckpoint,
  engineFromCheckpoint,
  engineFromStates,
  foldForward,
  type ItemChange,
  type ReplayEngine,
} from '../metrics/replay-state.js';
import { foldDossierRows, foldOnDossier, foldTaskRows, itemChange, type EventSet } from './item-changes.js';
import type { DossierContext } from '../domain/dossier.js';
import { baseSet, correctedItems, NO_BASE, type CorrectedBase } from './corrected.js';
import type { DossierState, TaskState } from '../domain/types.js';
import { correctedStep, eventsOfItems, receivedStep, restore, ReplayTooLarge, type Restored } from './restored-at.js';

export type AsOf = 'received' | 'corrected';

/** How far past the kept state a replay as received folds on from it rather than from a newer checkpoint. */
const PLAY_ON_MS = 2 * 3_600_000;

/** Items a replay may refold in one answer (≈ a second of the main thread on this hardware). */
export const MAX_REPLAY_ITEMS = 10_000;

export { ReplayTooLarge };

export interface StateAtDeps {
  repo: ReplayRepo;
  calendar: WorkCalendar;
  settings: DomainSettings;
  scopeOf: (code: string) => ScopeKey | null;
  scopes: Iterable<ScopeKey>;
  /** See MAX_REPLAY_ITEMS (tests lower it). */
  maxItems?: number;
  /** Whether a checkpoint with counters is restored from them (default true; false: always loaded whole, as before). */
  restore?: boolean;
}

/** A state at T and how it was reached. */
export interface ReplayResult extends ReplayEngine {
  at: number;
  asOf: AsOf;
  /** The checkpoint it started from (null: none at or before T, folded from the log's start). */
  checkpointAt: number | null;
  /** Items folded on top of the checkpoint. */
  itemsFolded: number;
  /** Whether the checkpoint's figures were restored from its counters (restored-at.ts), not loaded from its item states. */
  restored: boolean;
}

/** Every unit's and department's scope: the engine's scopes from the start. */
export function scopeKeysOf(j: Jurisdiction): ScopeKey[] {
  return [...j.units.map((u) => `unit:${u.code}` as const), ...j.departments.map((d) => `department:${d.code}` as const)];
}

/**
 * As received: the events received after the base up to T, read in one scan of the log by seq, folded
 * onto the dossiers' states the engine holds (open, or `ended`: folded since it was loaded) when they
 * are not older; any other item is refolded from its events, read for all of them at once.
 */
function foldReceived(
  deps: { repo: ReplayRepo; ctx: DossierContext; maxItems: number },
  r: ReplayEngine,
  ended: Map<string, DossierState>,
  baseSeq: number,
  t: number,
): { seq: number; items: number } {
  const { repo, ctx, maxItems } = deps;
  const cut = repo.receivedBy(baseSeq, t);
  const fresh = new Map<string, ReplayEventRow[]>();
  for (const row of repo.eventsIn(baseSeq, cut)) {
    const key = `${row.kind}:${row.itemId}`;
    const rows = fresh.get(key);
    if (rows) rows.push(row);
    else fresh.set(key, [row]);
  }
  if (fresh.size > maxItems) throw new ReplayTooLarge(fresh.size, maxItems);
  const base: EventSet = (e) => e.seq <= baseSeq;
  const target: EventSet = (e) => e.seq <= cut;
  const changes: ItemChange[] = [];
  const refold: ItemKey[] = [];
  for (const rows of fresh.values()) {
    const { kind, itemId } = rows[0];
    const held = kind === 'dossier' ? (r.open.get(itemId) ?? ended.get(itemId)) : undefined;
    const on = held && foldOnDossier(held, rows, ctx);
    if (held && on) changes.push({ kind: 'dossier', id: itemId, prev: held, next: on });
    else refold.push({ kind, itemId });
  }
  // One read per kind, not one per item: an office hour refolds hundreds of items.
  const rowsOf = eventsOfItems(repo, refold, cut);
  for (const { kind, itemId } of refold) changes.push(itemChange(kind, itemId, rowsOf(kind, itemId), base, target, ctx));
  foldForward(r, t, changes);
  // A dossier's events go on after its end (returned, rated): kept, the next hour folds them on.
  for (const c of changes)
    if (c.kind === 'dossier' && c.next !== null && !r.open.has(c.id)) ended.set(c.id, c.next);
    else if (c.kind === 'dossier') ended.delete(c.id);
  return { seq: cut, items: changes.length };
}

/** The state at `t` folded from the whole log, no checkpoint (StateAt.fromScratch). */
function foldFromScratch(repo: ReplayRepo, deps: Parameters<typeof engineFromStates>[3], t: number, asOf: AsOf): ReplayEngine {
  const ctx = { calendar: deps.calendar, settings: deps.settings };
  const maxSeq = asOf === 'received' ? repo.receivedBy(0, t) : repo.maxSeq();
  const byItem = new Map<string, ReplayEventRow[]>();
  for (const row of repo.upTo(maxSeq)) {
    if (asOf === 'corrected' && row.at > t) continue;
    const key = `${row.kind}:${row.itemId}`;
    const rows = byItem.get(key);
    if (rows) rows.push(row);
    else byItem.set(key, [row]);
  }
  const dossiers: DossierState[] = [];
  const tasks: TaskState[] = [];
  for (const rows of byItem.values()) {
    const { kind, itemId } = rows[0];
    if (kind === 'dossier') dossiers.push(foldDossierRows(itemId, rows, ctx) as DossierState);
    else tasks.push(foldTaskRows(itemId, rows) as TaskState);
  }
  return engineFromStates(dossiers, tasks, t, deps);
}

// One closure over the read paths (restored, loaded whole, played on) and the state kept between them.
// eslint-disable-next-line max-lines-per-function
export function createStateAt(deps: StateAtDeps) {
  const { repo } = deps;
  const maxItems = deps.maxItems ?? MAX_REPLAY_ITEMS;
  const ctx = { calendar: deps.calendar, settings: deps.settings };
  const scopes = [...deps.scopes];
  const engineDeps = { calendar: deps.calendar, settings: deps.settings, scopeOf: deps.scopeOf, scopes };

  /** Folds the items whose state differs between `base` and the state at `t` as corrected into the engine. */
  function foldCorrected(r: ReplayEngine, base: CorrectedBase, t: number): { seq: number; items: number } {
    const end = repo.maxSeq();
    const items = correctedItems(repo, base, t, end);
    const inBase = baseSet(base);
    const target: EventSet = (e) => e.seq <= end && e.at <= t;
    const keys = new Set<string>();
    const todo: ItemKey[] = [];
    for (const item of items) if (keys.size !== keys.add(`${item.kind}:${item.itemId}`).size) todo.push(item);
    // The fold runs on the live server's main thread: past a bound it would stall every screen.
    if (todo.length > maxItems) throw new ReplayTooLarge(todo.length, maxItems);
    const rowsOf = eventsOfItems(repo, todo, end);
    const changes = todo.map(({ kind, itemId }) => itemChange(kind, itemId, rowsOf(kind, itemId), inBase, target, ctx));
    foldForward(r, t, changes);
    return { seq: end, items: changes.length };
  }

  const restoredDeps = { repo, ctx, engine: engineDeps, maxItems };
  /** The checkpoint at `mark` restored from its counters, when it has them and they reach `t` (restored-at.ts). */
  const restoredAt = (mark: CheckpointMark | null, t: number): Restored | null => {
    if (mark === null || deps.restore === false) return null;
    const rs = restore(restoredDeps, mark);
    return rs !== null && t <= rs.until ? rs : null;
  };

  /** As corrected: from the latest arrival checkpoint at or before `t`, else the history's by event time. */
  function correctedAt(t: number): ReplayResult {
    const mark = repo.markAtOrBefore(t);
    const rs = restoredAt(mark, t);
    if (rs !== null) {
      const items = correctedStep(restoredDeps, rs, t);
      return { ...rs.r, at: t, asOf: 'corrected', checkpointAt: mark!.at, itemsFolded: items, restored: true };
    }
    const stored = repo.atOrBefore(t);
    const history = stored === null ? repo.historyAtOrBefore(t) : null;
    const from = stored ?? history;
    const cp = from ? checkpointFromChain(from.chain) : emptyCheckpoint(t);
    const base: CorrectedBase = stored
      ? { kind: 'received', seq: cp.seq, ahead: cp.ahead }
      : history
        ? { kind: 'history', seq: cp.seq, at: cp.at }
        : NO_BASE;
    const r = engineFromCheckpoint(cp, engineDeps);
    const { items } = foldCorrected(r, base, t);
    return { ...r, at: t, asOf: 'corrected', checkpointAt: from ? from.at : null, itemsFolded: items, restored: false };
  }

  // The last state answered as received, kept to play forward: the next hour folds only that hour's
  // arrivals on top of it (as received, the state at a later T is the same log prefix, longer).
  // Restored from counters (`restored`), or loaded from the whole checkpoint (`engine`, `ended`).
  let playing:
    | { restored: Restored; at: number }
    | { restored: null; engine: ReplayEngine; ended: Map<string, DossierState>; at: number; seq: number }
    | null = null;

  return {
    /** When the log's first event arrived (null: empty log). */
    firstArrival: (): number | null => repo.firstReceivedAt(),
    /** The state at `t` from the latest checkpoint at or before it (or the last one played, if nearer), folded forward. */
    stateAt(t: number, asOf: AsOf): ReplayResult {
      if (asOf === 'corrected') return correctedAt(t);
      // Only the nearest checkpoint's place first: reading and decompressing its chain costs more than
      // an hour's fold, and playing on needs none of it.
      const mark = repo.markAtOrBefore(t);
      // Playing on: the kept state is nearer than any checkpoint, or as near as a stored one within the
      // play step (folding on from it skips loading a checkpoint, the larger cost).
      const keep =
        playing !== null &&
        playing.at <= t &&
        (playing.restored === null || t <= playing.restored.until) &&
        (mark === null || mark.at <= playing.at || t - playing.at <= PLAY_ON_MS);
      if (playing !== null && keep) {
        const p = playing;
        p.at = t;
        const checkpointAt = mark ? mark.at : null;
        if (p.restored !== null) {
          playing = null; // a step that throws leaves nothing half moved to play on from
          const items = receivedStep(restoredDeps, p.restored, t);
          playing = p;
          return { ...p.restored.r, at: t, asOf, checkpointAt, itemsFolded: items, restored: true };
        }
        const { seq, items } = foldReceived({ repo, ctx, maxItems }, p.engine, p.ended, p.seq, t);
        p.seq = seq;
        return { ...p.engine, at: t, asOf, checkpointAt, itemsFolded: items, restored: false };
      }
      const rs = restoredAt(mark, t);
      if (rs !== null) {
        playing = null; // a step that throws leaves nothing half moved to play on from
        const items = receivedStep(restoredDeps, rs, t);
        playing = { restored: rs, at: t };
        return { ...rs.r, at: t, asOf, checkpointAt: mark!.at, itemsFolded: items, restored: true };
      }
      const stored = mark && repo.atOrBefore(mark.at);
      const cp = stored ? checkpointFromChain(stored.chain) : emptyCheckpoint(t);
      const r = engineFromCheckpoint(cp, engineDeps);
      const ended = new Map<string, DossierState>();
      const { seq, items } = foldReceived({ repo, ctx, maxItems }, r, ended, cp.seq, t);
      playing = { restored: null, engine: r, ended, at: t, seq };
      return { ...r, at: t, asOf, checkpointAt: stored ? stored.at : null, itemsFolded: items, restored: false };
    },

    /**
     * One dossier as it stood at `t` (null: no event of it in the set), from its own events only: as
     * received, those the server had by then; as corrected, those about a time up to then.
     */
    dossierAt(id: string, t: number, asOf: AsOf): { state: DossierState | null; events: number } {
      const maxSeq = asOf === 'received' ? repo.receivedBy(repo.checkpointSeq(t), t) : repo.maxSeq();
      const rows = repo.ofItem('dossier', id, maxSeq).filter((e) => asOf === 'received' || e.at <= t);
      return { state: foldDossierRows(id, rows, ctx), events: rows.length };
    },

    /** The state at `t` folded from the whole log, no checkpoint (the reference the checkpoints must agree with). */
    fromScratch: (t: number, asOf: AsOf): ReplayEngine => foldFromScratch(repo, engineDeps, t, asOf),
  };
}

export type StateAt = ReturnType<typeof createStateAt>;
