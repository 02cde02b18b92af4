/**
 * The one Socket.IO connection of the page. Nothing else calls `io()`: features use
 * `useSocketEvent`, `useScopeSubscription` and `useConnection`.
 *
 * The contract is `server/realtime/events.ts`, imported as types only; event names below are
 * checked against its `EVENTS` at compile time.
 */
import { io, type Socket } from 'socket.io-client';
import { noteReconnected } from '../offline/offline-state';
import type {
  ClientToServerEvents,
  ClockTicked,
  EVENTS as ContractEvents,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
} from '../../shared/contract/events';
import type { HistoryLoadState } from '../../shared/contract/history-load';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Event names, typed against the contract's EVENTS (a typo fails to compile). */
export const EV: { readonly [K in keyof typeof ContractEvents]: (typeof ContractEvents)[K] } = {
  scopeSubscribe: 'scope:subscribe',
  scopeUnsubscribe: 'scope:unsubscribe',
  metricsUpdated: 'metrics:updated',
  alertRaised: 'alert:raised',
  clockTicked: 'clock:ticked',
  requestCreated: 'request:created',
  requestUpdated: 'request:updated',
  historyLoadChanged: 'history-load:changed',
};

/** How long a subscription waits for its ack before treating it as lost and retrying. */
export const SUBSCRIBE_ACK_TIMEOUT_MS = 10_000;

/** Connection facts the status indicator is computed from. */
export interface ConnectionState {
  connected: boolean;
  /** Client time (ms) of the last (re)connect; null before the first. */
  connectedAt: number | null;
  /** Client time (ms) the last `clock:ticked` arrived. */
  lastTickAt: number | null;
  /** The last tick itself (server time, build, source freshness). */
  lastTick: ClockTicked | null;
  /** A history load running or still being projected: from each tick, and pushed on its start and end. */
  historyLoad: HistoryLoadState | null;
  /** Number of successful connects so far (> 1 means we reconnected at least once). */
  connects: number;
}

const initialConnection: ConnectionState = {
  connected: false,
  connectedAt: null,
  lastTickAt: null,
  lastTick: null,
  historyLoad: null,
  connects: 0,
};

let socket: AppSocket | null = null;
let connection: ConnectionState = initialConnection;
/** Credentials sent in every (re)connect's handshake: a wall's `{ displayToken }`; empty for a browser. */
let handshakeAuth: Record<string, string> = {};

/**
 * Sets the handshake credentials (read on every connect attempt). When they change while
 * connected, the socket reconnects so the server sees them at once.
 */
export function setSocketAuth(auth: Record<string, string>): void {
  const changed = JSON.stringify(auth) !== JSON.stringify(handshakeAuth);
  handshakeAuth = { ...auth };
  if (changed && socket?.connected) socket.disconnect().connect();
}
/** Reconnects the socket (after a login or logout) so the server sees the new session cookie. */
export function reconnectSocket(): void {
  if (socket?.connected) socket.disconnect().connect();
}
/**
 * Connects the socket again after the server ended it or refused its handshake (Socket.IO does not
 * retry those by itself); nothing while it is connected or already reconnecting.
 */
export function resumeSocket(): void {
  const s = getSocket();
  if (!s.connected && !s.active) s.connect();
}

const connectionListeners = new Set<() => void>();

function setConnection(patch: Partial<ConnectionState>): void {
  connection = { ...connection, ...patch };
  for (const l of connectionListeners) l();
}

/** The page's socket, created (and connected) on first use, same origin, default path. */
export function getSocket(): AppSocket {
  if (!socket) {
    performance.mark('bdt:socket');
    const s: AppSocket = io({
      auth: (cb) => cb(handshakeAuth),
      // WebSocket first: the first snapshot arrives a few round trips sooner than over long-polling,
      // which stays the fallback where a proxy blocks WebSockets.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      // Exponential back-off capped at 10 s so a display recovers quickly after an outage.
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 10_000,
    });
    s.on('connect', () => {
      performance.mark('bdt:connect');
      setConnection({ connected: true, connectedAt: Date.now(), connects: connection.connects + 1 });
      noteReconnected();
    });
    s.on('disconnect', () => setConnection({ connected: false }));
    // A server recovering its projections refuses the handshake with a delay to retry after; Socket.IO
    // does not retry a refused handshake by itself.
    s.on('connect_error', (err) => {
      const data = (err as Error & { data?: { code?: string; retryAfterS?: number } }).data;
      if (!s.active && data?.code === 'recovering') setTimeout(() => s.connect(), (data.retryAfterS ?? 5) * 1_000);
    });
    s.on(EV.clockTicked, (tick) => setConnection({ lastTick: tick, lastTickAt: Date.now(), historyLoad: tick.historyLoad ?? null }));
    s.on(EV.historyLoadChanged, (state) => setConnection({ historyLoad: state }));
    socket = s;
  }
  return socket;
}

/**
 * Resolves once the socket's first handshake has ended, connected or refused (never rejects); creates the
 * socket if needed. The first render of a wide screen waits for it a moment (main.tsx).
 */
export function firstHandshake(): Promise<void> {
  const s = getSocket();
  if (s.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      s.off('connect', done);
      s.off('connect_error', done);
      resolve();
    };
    s.on('connect', done);
    s.on('connect_error', done);
  });
}

/** The current connection facts (for useSyncExternalStore). */
export function getConnection(): ConnectionState {
  return connection;
}

/** Subscribes to connection changes; returns the unsubscribe function. */
export function onConnectionChange(listener: () => void): () => void {
  connectionListeners.add(listener);
  return () => {
    connectionListeners.delete(listener);
  };
}

/**
 * Asks the server for a scope's snapshot and subsequent deltas. Resolves with the ack; rejects
 * when no ack arrives in time (e.g. the connection dropped meanwhile).
 */
export function requestSubscribe(req: SubscribeRequest): Promise<SubscribeAck> {
  return getSocket().timeout(SUBSCRIBE_ACK_TIMEOUT_MS).emitWithAck(EV.scopeSubscribe, req);
}

const scopeRefs = new Map<string, number>();
const refKey = (req: SubscribeRequest): string => `${req.scope}|${req.period}`;

/**
 * Marks a scope + period as in use by one component; the returned function releases it, and
 * the server is told to unsubscribe only when the last user releases it (two components
 * watching the same scope do not cancel each other).
 */
export function retainScope(req: SubscribeRequest): () => void {
  const key = refKey(req);
  scopeRefs.set(key, (scopeRefs.get(key) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const n = (scopeRefs.get(key) ?? 1) - 1;
    if (n > 0) {
      scopeRefs.set(key, n);
      return;
    }
    scopeRefs.delete(key);
    const s = getSocket();
    if (s.connected) s.emit(EV.scopeUnsubscribe, req);
  };
}
