/**
 * Live / reconnecting / stale, from the socket's connection facts and the clock.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { getConnection, getSocket, onConnectionChange, type ConnectionState } from './socket';

export type ConnectionStatus = 'live' | 'reconnecting' | 'stale';

/** No `clock:ticked` (server ticks every 5 s) for this long → stale. */
export const STALE_AFTER_MS = 15_000;

/**
 * - reconnecting: the socket is not connected (or never was yet);
 * - stale: connected, but nothing heard (tick or connect) for `staleAfterMs`;
 * - live otherwise.
 */
export function connectionStatus(
  c: Pick<ConnectionState, 'connected' | 'connectedAt' | 'lastTickAt'>,
  nowMs: number,
  staleAfterMs = STALE_AFTER_MS,
): ConnectionStatus {
  if (!c.connected) return 'reconnecting';
  const lastHeard = Math.max(c.connectedAt ?? -Infinity, c.lastTickAt ?? -Infinity);
  if (!Number.isFinite(lastHeard) || nowMs - lastHeard > staleAfterMs) return 'stale';
  return 'live';
}

/**
 * Whether what the last clock tick said (the sources' states) still holds: a tick heard within
 * `staleAfterMs`. Past that, nobody knows whether a source said live is still sending.
 */
export function lastTickHolds(c: Pick<ConnectionState, 'lastTickAt'>, nowMs: number, staleAfterMs = STALE_AFTER_MS): boolean {
  return c.lastTickAt !== null && nowMs - c.lastTickAt <= staleAfterMs;
}

/** Re-evaluation interval of the stale check. */
const STATUS_CHECK_MS = 1_000;

/**
 * The socket's connection facts and status, re-evaluated every second (so "stale" appears
 * without any event). Connects the socket if not yet connected.
 */
export function useConnection(): ConnectionState & { status: ConnectionStatus; tickHolds: boolean } {
  useEffect(() => {
    getSocket();
  }, []);
  const c = useSyncExternalStore(onConnectionChange, getConnection, getConnection);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), STATUS_CHECK_MS);
    return () => window.clearInterval(id);
  }, []);
  const at = Math.max(now, c.lastTickAt ?? 0);
  return { ...c, status: connectionStatus(c, at), tickHolds: lastTickHolds(c, at) };
}
