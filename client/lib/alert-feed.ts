/**
 * The "newly overdue" feed shared by the overview and the wall: bounded, newest first, one entry per
 * item, filled from the server's most recently overdue items at start and after a reconnect. Pure.
 */
import type { DossierListItem, TaskListItem } from '../../shared/contract/api';
import type { AlertRaised } from '../../shared/contract/events';

/** Newly overdue items kept for a feed. */
export const MAX_FEED_ITEMS = 50;

export interface FeedAlert extends AlertRaised {
  /** Client time (ms) the alert arrived. */
  receivedAt: number;
}

/**
 * Puts `item` first and keeps at most `max` items (newest first); an older entry that is the same
 * item (by `same`) is dropped, so one dossier is listed once.
 */
export function pushBounded<T>(list: readonly T[], item: T, max: number, same?: (a: T, b: T) => boolean): T[] {
  if (max <= 0) return [];
  const out: T[] = [item];
  for (const x of list) {
    if (out.length >= max) break;
    if (same && same(x, item)) continue;
    out.push(x);
  }
  return out;
}

/** Adds several items (oldest first in `items`), newest ending up first. */
export function pushAllBounded<T>(list: readonly T[], items: readonly T[], max: number, same?: (a: T, b: T) => boolean): T[] {
  let out = list as T[];
  for (const item of items) out = pushBounded(out, item, max, same);
  return out;
}

export const sameAlert = (a: AlertRaised, b: AlertRaised): boolean => a.kind === b.kind && a.id === b.id;

/**
 * Merges items into the feed by the time they became overdue (`at`), newest first, each once (the
 * feed's own entry wins), at most `max`. Used to fill the feed from the server at start and after a
 * reconnect, so alerts missed while disconnected still show.
 */
export function mergeByTime(list: readonly FeedAlert[], extra: readonly FeedAlert[], max: number): FeedAlert[] {
  const seen = new Set<string>();
  const all: FeedAlert[] = [];
  for (const a of [...list, ...extra]) {
    const k = `${a.kind}:${a.id}`;
    if (seen.has(k)) continue;
    seen.add(k);
    all.push(a);
  }
  const t = (a: FeedAlert) => Date.parse(a.at) || 0;
  return all.sort((a, b) => t(b) - t(a)).slice(0, Math.max(0, max));
}

/**
 * The server's most recently overdue dossiers and tasks as feed items (`at` = the due time they
 * passed). They count as old news: `receivedAt` 0, so they never make a tile pulse.
 */
export function overdueItemsToAlerts(
  dossiers: readonly DossierListItem[],
  tasks: readonly TaskListItem[],
  unitName: (code: string) => string,
  nowMs: number,
): FeedAlert[] {
  const out: FeedAlert[] = [];
  // Only items whose due time has passed: a dossier counted overdue by the two-supplements rule
  // before its due date did not "become overdue" at a time the feed could show.
  const passed = (dueAt: string | null): dueAt is string => dueAt != null && Date.parse(dueAt) <= nowMs;
  for (const d of dossiers) {
    if (!passed(d.dueAt)) continue;
    out.push({
      kind: 'dossier',
      id: d.id,
      unit: d.unit,
      unitName: unitName(d.unit),
      title: d.procedureName,
      dueAt: d.dueAt,
      at: d.dueAt,
      holderName: d.holderName,
      receivedAt: 0,
    });
  }
  for (const t of tasks) {
    if (!passed(t.dueAt)) continue;
    out.push({
      kind: 'task',
      id: t.id,
      unit: t.assignee,
      unitName: unitName(t.assignee),
      title: t.title,
      dueAt: t.dueAt,
      at: t.dueAt,
      holderName: null,
      receivedAt: 0,
    });
  }
  return out;
}
