/**
 * Live metrics of one scope for one period: subscribes, re-subscribes on every reconnect and on
 * a seq gap, and keeps the state in `metricsReducer`.
 *
 * @example
 * const live = useScopeSubscription(`unit:${code}`, period);
 * const m = live.state.metrics[`unit:${code}`];   // ScopeMetrics | undefined
 * live.status;                                     // 'live' | 'reconnecting' | 'stale'
 */
import { startTransition, useCallback, useEffect, useReducer, useRef } from 'react';
import type { Period, ScopeKey } from '../../shared/contract/metrics';
import type { MetricsUpdated } from '../../shared/contract/events';
import { useConnection, type ConnectionStatus } from './connection';
import { initialMetricsState, metricsReducer, type MetricsAction, type MetricsState } from './metrics-reducer';
import { getSocket, requestSubscribe, retainScope, EV } from './socket';
import { useSocketEvent } from './useSocketEvent';

/** Wait before retrying a subscription whose ack never came. */
const RETRY_AFTER_MS = 2_000;

export interface ScopeSubscription {
  state: MetricsState;
  /**
   * live: connected, ticking, snapshot applied; reconnecting: the socket is down or the
   * subscription is re-syncing; stale: connected but no clock tick for 15 s.
   */
  status: ConnectionStatus;
  /** Forces a fresh snapshot. */
  resubscribe: () => void;
}

/**
 * Live deltas are drawn as a transition: React renders them in slices between frames, so a page that
 * takes longer than a frame to redraw the figures does not freeze the map's frames (issue 15). At most
 * one batch is in flight: messages arriving while it renders wait and go together in the next, so the
 * reducer sees every message and each one's changed scopes are highlighted (a transition superseded by
 * the next would otherwise draw only the later message's highlight).
 */
function useDeltaBatches(state: MetricsState, dispatch: (a: MetricsAction) => void): (msg: MetricsUpdated) => void {
  const waiting = useRef<MetricsUpdated[]>([]);
  const inFlight = useRef(false);
  const flush = useCallback(() => {
    if (inFlight.current || waiting.current.length === 0) return;
    const msgs = waiting.current;
    waiting.current = [];
    inFlight.current = true;
    startTransition(() => dispatch({ type: 'deltas', msgs }));
  }, [dispatch]);
  // Every batch yields a new state (its `batches` count), so this runs once per batch drawn.
  useEffect(() => {
    inFlight.current = false;
    flush();
  }, [state.batches, flush]);
  return useCallback(
    (msg: MetricsUpdated) => {
      waiting.current.push(msg);
      flush();
    },
    [flush],
  );
}

/** Subscribes to `scope` for `period` while mounted; pass `null` as scope to stay idle. */
export function useScopeSubscription(scope: ScopeKey | null, period: Period): ScopeSubscription {
  const [state, dispatch] = useReducer(metricsReducer, undefined, () => initialMetricsState(scope ?? 'city', period));
  const connection = useConnection();
  const requestId = useRef(0);
  const retryTimer = useRef<number | null>(null);

  const subscribe = useCallback(() => {
    if (!scope) return;
    const id = ++requestId.current;
    if (retryTimer.current != null) window.clearTimeout(retryTimer.current);
    dispatch({ type: 'subscribe', scope, period });
    requestSubscribe({ scope, period }).then(
      (ack) => {
        if (id !== requestId.current) return; // superseded
        if (ack.ok) {
          performance.mark('bdt:snapshot');
          dispatch({
            type: 'snapshot',
            scope,
            period,
            seq: ack.seq,
            asOf: ack.asOf,
            snapshot: ack.snapshot,
          });
        } else {
          dispatch({ type: 'error', scope, period, error: ack.error });
        }
      },
      () => {
        // No ack in time. If still connected, try again; otherwise the next connect will.
        if (id !== requestId.current) return;
        if (getSocket().connected) {
          retryTimer.current = window.setTimeout(() => {
            if (id === requestId.current) subscribe();
          }, RETRY_AFTER_MS);
        }
      },
    );
  }, [scope, period]);

  useEffect(() => {
    if (!scope) return;
    const s = getSocket();
    const release = retainScope({ scope, period });
    const onConnect = (): void => subscribe();
    const onDisconnect = (): void => {
      requestId.current++; // an ack from the old connection must not land
      dispatch({ type: 'reconnect' });
    };
    s.on('connect', onConnect);
    s.on('disconnect', onDisconnect);
    if (s.connected) subscribe();
    else dispatch({ type: 'subscribe', scope, period }); // the connect handler subscribes
    return () => {
      s.off('connect', onConnect);
      s.off('disconnect', onDisconnect);
      requestId.current++;
      if (retryTimer.current != null) window.clearTimeout(retryTimer.current);
      release();
    };
  }, [scope, period, subscribe]);

  // A seq gap: the reducer asked for a fresh snapshot.
  useEffect(() => {
    if (state.resubscribeRequests > 0 && state.sync === 'resubscribe_needed') subscribe();
  }, [state.resubscribeRequests, state.sync, subscribe]);

  const onDelta = useDeltaBatches(state, dispatch);
  useSocketEvent(EV.metricsUpdated, onDelta, scope != null);

  let status: ConnectionStatus = connection.status;
  if (status === 'live' && state.sync !== 'ready' && state.snapshots > 0) status = 'reconnecting';
  return { state, status, resubscribe: subscribe };
}
