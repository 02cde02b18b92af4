export { getSocket, getConnection, retainScope, requestSubscribe, setSocketAuth, EV } from './socket';
export type { AppSocket, ConnectionState } from './socket';
export { useConnection, connectionStatus, STALE_AFTER_MS } from './connection';
export type { ConnectionStatus } from './connection';
export { useSocketEvent } from './useSocketEvent';
export { useScopeSubscription } from './useScopeSubscription';
export type { ScopeSubscription } from './useScopeSubscription';
export { metricsReducer, initialMetricsState } from './metrics-reducer';
export type { MetricsState, MetricsAction, SyncStatus, ScopeMetricsMap } from './metrics-reducer';
