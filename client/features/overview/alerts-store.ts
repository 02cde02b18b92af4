/**
 * The "Quá hạn mới" feed: newly overdue dossiers and tasks pushed by `alert:raised`, newest first, at
 * most MAX_FEED_ITEMS, and filled from the server's most recently overdue items for those who may read
 * them. Kept for the page's lifetime so navigating away and back keeps it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { MAX_FEED_ITEMS, mergeByTime, pushBounded, sameAlert, type FeedAlert } from '../../lib/alert-feed';
import { EV, getSocket } from '../../realtime/socket';

export type { FeedAlert } from '../../lib/alert-feed';

let alerts: FeedAlert[] = [];
const listeners = new Set<() => void>();
let listening = false;

function changed(next: FeedAlert[]): void {
  alerts = next;
  for (const l of listeners) l();
}

function ensureListening(): void {
  if (listening) return;
  listening = true;
  getSocket().on(EV.alertRaised, (a) => changed(pushBounded(alerts, { ...a, receivedAt: Date.now() }, MAX_FEED_ITEMS, sameAlert)));
}

/** Merges recently overdue items read from the server (start, reconnect) into the feed by time. */
export function backfillAlerts(items: readonly FeedAlert[]): void {
  changed(mergeByTime(alerts, items, MAX_FEED_ITEMS));
}

/** Empties the feed (the signed-in principal changed: what it may see changed too). */
export function clearAlerts(): void {
  changed([]);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
const snapshot = (): FeedAlert[] => alerts;

/** The current alert feed (starts listening to `alert:raised` on first use). */
export function useAlerts(): FeedAlert[] {
  useEffect(ensureListening, []);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
