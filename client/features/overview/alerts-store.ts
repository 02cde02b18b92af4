/**
 * The "Quá hạn mới" feed: newly overdue dossiers and tasks pushed by `alert:raised`, newest
 * first, at most MAX_ALERTS. Kept for the page's lifetime so navigating away and back keeps it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { AlertRaised } from '../../../server/realtime/events';
import { EV, getSocket } from '../../realtime/socket';

export const MAX_ALERTS = 50;

export interface FeedAlert extends AlertRaised {
  /** Client receipt time, ms. */
  receivedAt: number;
}

/** Adds an alert at the front; a repeat of the same item replaces its older entry. Pure. */
export function pushAlert(list: readonly FeedAlert[], alert: FeedAlert, max = MAX_ALERTS): FeedAlert[] {
  const rest = list.filter((a) => !(a.kind === alert.kind && a.id === alert.id));
  return [alert, ...rest].slice(0, max);
}

let alerts: FeedAlert[] = [];
const listeners = new Set<() => void>();
let listening = false;

function ensureListening(): void {
  if (listening) return;
  listening = true;
  getSocket().on(EV.alertRaised, (a) => {
    alerts = pushAlert(alerts, { ...a, receivedAt: Date.now() });
    for (const l of listeners) l();
  });
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
