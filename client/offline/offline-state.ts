/**
 * Whether the page shows the offline snapshot, and of when. An answer marked by the service worker
 * (X-Offline-Snapshot) makes the page offline with the oldest such answer's time; the next answer from
 * the network, or the socket connecting again, makes it live again. Kept outside React so the API
 * client can report into it; components read it with useOfflineSnapshot.
 */
import { useSyncExternalStore } from 'react';
import { OFFLINE_SNAPSHOT_HEADER } from './snapshot-rules';

export interface OfflineSnapshot {
  /** True while what is on screen came from the snapshot cache. */
  offline: boolean;
  /** When the server sent the oldest figures on screen (epoch ms); null when live. */
  asOf: number | null;
}

const LIVE: OfflineSnapshot = Object.freeze({ offline: false, asOf: null });
let state: OfflineSnapshot = LIVE;
const listeners = new Set<() => void>();

function set(next: OfflineSnapshot): void {
  if (next.offline === state.offline && next.asOf === state.asOf) return;
  state = next;
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('is-offline', next.offline);
  for (const l of listeners) l();
}

/** The snapshot's time from the worker's header (an HTTP date); null when the answer came from the network. */
export function snapshotTimeOf(headers: Pick<Headers, 'get'>): number | null {
  const v = headers.get(OFFLINE_SNAPSHOT_HEADER);
  if (v === null) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : 0;
}

/** Called by the API client with every answer's headers. */
export function noteAnswer(headers: Pick<Headers, 'get'>): void {
  const at = snapshotTimeOf(headers);
  if (at === null) {
    // The network answered: the server is reachable again.
    noteReconnected();
    return;
  }
  // Several cached answers on one screen: the banner gives the oldest, the figures are at least that old.
  set({ offline: true, asOf: state.asOf === null ? at : Math.min(state.asOf, at) });
}

const refetchListeners = new Set<() => void>();

/**
 * The server is reachable again (the socket connected, or an answer came from the network). If the page
 * was showing the snapshot, every view fetches its data again (onBackOnline) and the page is live again.
 */
export function noteReconnected(): void {
  if (!state.offline) return;
  set(LIVE);
  for (const l of refetchListeners) l();
}

/** Runs `l` when the page comes back from the offline snapshot; returns the unsubscribe. */
export function onBackOnline(l: () => void): () => void {
  refetchListeners.add(l);
  return () => refetchListeners.delete(l);
}

export function getOfflineSnapshot(): OfflineSnapshot {
  return state;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useOfflineSnapshot(): OfflineSnapshot {
  return useSyncExternalStore(subscribe, getOfflineSnapshot, getOfflineSnapshot);
}
