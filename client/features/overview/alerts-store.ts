/**
 * The "Quá hạn mới" feed: newly overdue dossiers and tasks pushed by `alert:raised`, newest first, at
 * most MAX_FEED_ITEMS, and filled from the server's most recently overdue items for those who may read
 * them. The list is kept for the page's lifetime so navigating away and back keeps it; `alert:raised`
 * is listened to while the feed is shown (each new subscription snapshot backfills what was missed).
 */
import { useSyncExternalStore } from 'react';
import type { AlertRaised } from '../../../shared/contract/events';
import { MAX_FEED_ITEMS, mergeByTime, pushBounded, sameAlert, type FeedAlert } from '../../lib/alert-feed';
import { EV } from '../../realtime/socket';
import { useSocketEvent } from '../../realtime/useSocketEvent';

export type { FeedAlert } from '../../lib/alert-feed';

let alerts: FeedAlert[] = [];
const listeners = new Set<() => void>();

function changed(next: FeedAlert[]): void {
  alerts = next;
  for (const l of listeners) l();
}

function onAlert(a: AlertRaised): void {
  changed(pushBounded(alerts, { ...a, receivedAt: Date.now() }, MAX_FEED_ITEMS, sameAlert));
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

/** The current alert feed; listens to `alert:raised` while mounted. */
export function useAlerts(): FeedAlert[] {
  useSocketEvent(EV.alertRaised, onAlert);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
