/**
 * "As corrected" at T (issue 16): the items whose state differs between a starting checkpoint and the
 * events about times ≤ T received by now, found without scanning the log after the checkpoint: a short
 * scan of the arrivals up to T + LATE_MS, and the late events' time index (late-index.ts) for the rest.
 */
import type { ItemKey } from '../db/replay-late-repo.js';
import type { ReplayEventRow, ReplayRepo } from '../db/replay-repo.js';
import { LATE_MS } from './late-index.js';

/** Where a corrected state starts: an arrival checkpoint, or a history checkpoint by event time (or none). */
export type CorrectedBase =
  /** The events received by `seq` (replay_checkpoints); `ahead`: its items with an event about a later time. */
  | { kind: 'received'; seq: number; ahead: Map<string, number> }
  /** The events about times ≤ `at` received by `seq` (replay_history; none: at −∞, seq 0). */
  | { kind: 'history'; seq: number; at: number };

/** The empty state: no event counted. */
export const NO_BASE: CorrectedBase = { kind: 'history', seq: 0, at: Number.MIN_SAFE_INTEGER };

/** The events a base holds. */
export function baseSet(base: CorrectedBase): (e: ReplayEventRow) => boolean {
  if (base.kind === 'received') return (e) => e.seq <= base.seq;
  return (e) => e.seq <= base.seq && e.at <= base.at;
}

/**
 * Every item with an event in the base or in the target (about a time ≤ `t`, received by `end`) but
 * not in both; may repeat an item. Exact: an event past the first arrival later than t + LATE_MS is
 * late, so in the index up to its mark; the log past the mark is scanned.
 */
export function correctedItems(repo: ReplayRepo, base: CorrectedBase, t: number, end: number): ItemKey[] {
  const mark = Math.min(repo.lateMark().seq, end);
  const items: ItemKey[] = [];
  const add = (xs: ItemKey[]) => {
    for (const x of xs) items.push(x);
  };
  if (base.kind === 'received') {
    // Items of the checkpoint with an event about a time after T: that event must be left out.
    for (const [key, latestAt] of base.ahead) {
      if (latestAt <= t) continue;
      const colon = key.indexOf(':');
      items.push({ kind: key.slice(0, colon) as ItemKey['kind'], itemId: key.slice(colon + 1) });
    }
    const soon = repo.receivedBy(base.seq, t + LATE_MS);
    add(repo.itemsAbout(base.seq, Math.min(soon, end), t));
    add(repo.lateItemsBySeq(soon, mark, t));
    add(repo.itemsAbout(Math.max(mark, soon), end, t));
    return items;
  }
  // From a history checkpoint: the events about (at, t], and those about ≤ at received since it.
  const soon = repo.receivedBy(0, t + LATE_MS);
  add(repo.lateItemsByAt(base.at, t, mark));
  add(repo.lateItemsBySeq(base.seq, mark, base.at));
  add(repo.itemsAboutBetween(0, Math.min(soon, mark), base.at, t));
  add(repo.itemsAbout(mark, end, t));
  return items;
}
