/** Hooks of the wall: a clock, retrying loads, the display session, bounded alerts and trend, self-reload. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScopeKey, ScopeMetrics } from '../../../shared/contract/metrics';
import type { AlertRaised } from '../../../shared/contract/events';
import type { DisplayIdentityResponse } from '../../../server/wall/wall-types';
import { ApiError, setApiBearer } from '../../api';
import { EV, resumeSocket, setSocketAuth } from '../../realtime/socket';
import { useSocketEvent } from '../../realtime/useSocketEvent';
import { useSocketLifecycle } from '../../realtime/useSocketLifecycle';
import { fetchDisplayIdentity, isTransient } from './api';
import { backoffDelayMs } from './backoff';
import { parseLastReload, RELOAD_STORAGE_KEY, shouldReloadForBuild } from './build-reload';
import {
  appendSample,
  MAX_FEED_ITEMS,
  mergeByTime,
  MAX_TREND_SAMPLES,
  pushAllBounded,
  recentAlertUnits,
  sameAlert,
  TREND_SAMPLE_MS,
  type WallAlert,
} from './buffers';

/** Client time, re-read every `everyMs`. */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

export type LoadState<T> =
  | { status: 'loading'; data: null; error: null; attempts: number }
  | { status: 'ok'; data: T; error: null; attempts: number }
  | { status: 'failed'; data: null; error: unknown; attempts: number };

/**
 * Runs `load` until it succeeds, retrying transient failures (no answer, 5xx) with back-off;
 * a definite answer (4xx) ends as `failed`. `load` is read when `key` changes; null stays idle.
 */
export function useRetryingLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading', data: null, error: null, attempts: 0 });
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (key == null) return;
    const ctrl = new AbortController();
    let timer: number | undefined;
    let attempt = 0;
    setState({ status: 'loading', data: null, error: null, attempts: 0 });
    const run = (): void => {
      loadRef.current(ctrl.signal).then(
        (data) => {
          if (!ctrl.signal.aborted) setState({ status: 'ok', data, error: null, attempts: attempt + 1 });
        },
        (e: unknown) => {
          if (ctrl.signal.aborted) return;
          if (!isTransient(e)) {
            setState({ status: 'failed', data: null, error: e, attempts: attempt + 1 });
            return;
          }
          timer = window.setTimeout(run, backoffDelayMs(attempt++));
        },
      );
    };
    run();
    return () => {
      ctrl.abort();
      window.clearTimeout(timer);
    };
  }, [key]);
  return state;
}

/** How often a wall whose token was refused asks again (the token may be valid again after a restore). */
export const INVALID_RECHECK_MS = 60_000;

export interface DisplaySession {
  /** anonymous: no token (an ordinary browser); checking: first check under way; ok; invalid: refused. */
  status: 'anonymous' | 'checking' | 'ok' | 'invalid';
  identity: DisplayIdentityResponse | null;
}

/**
 * The display's identity from its token, and the socket's credentials. Network failures are retried
 * with back-off; a refused token (HTTP 401, or the socket's `connect_error` from the middleware, or the
 * server disconnecting a revoked display) makes the session `invalid`. Recovers by itself when the
 * token is accepted again.
 */
export function useDisplaySession(token: string | null): DisplaySession {
  const [session, setSession] = useState<DisplaySession>(() => ({ status: token ? 'checking' : 'anonymous', identity: null }));
  const [checkNonce, setCheckNonce] = useState(0);

  useEffect(() => {
    if (!token) {
      setSocketAuth({});
      setApiBearer(null);
      return;
    }
    const ctrl = new AbortController();
    let timer: number | undefined;
    let attempt = 0;
    const run = (): void => {
      fetchDisplayIdentity(token, ctrl.signal).then(
        (identity) => {
          if (ctrl.signal.aborted) return;
          setSocketAuth({ displayToken: token });
          // The wall's REST calls (the feed's backfill) act as the display too.
          setApiBearer(token);
          setSession({ status: 'ok', identity });
          // After a refusal or a server-side disconnect the socket does not reconnect by itself.
          resumeSocket();
        },
        (e: unknown) => {
          if (ctrl.signal.aborted) return;
          if (e instanceof ApiError && e.status === 401) {
            setSession((s) => ({ status: 'invalid', identity: s.identity }));
            timer = window.setTimeout(run, INVALID_RECHECK_MS);
            return;
          }
          timer = window.setTimeout(run, backoffDelayMs(attempt++));
        },
      );
    };
    run();
    return () => {
      ctrl.abort();
      window.clearTimeout(timer);
    };
  }, [token, checkNonce]);

  const live = session.status === 'ok' || session.status === 'invalid';
  useSocketLifecycle(
    {
      onRefused: (code) => {
        if (code !== 'display_token_invalid') return;
        setSession((st) => ({ status: 'invalid', identity: st.identity }));
        setCheckNonce((n) => n + 1); // confirm over HTTP, then keep asking now and then
      },
      // The server disconnects a display whose token was revoked: ask who we are again.
      onServerDisconnect: () => setCheckNonce((n) => n + 1),
    },
    Boolean(token) && live,
  );

  return session;
}

/** Alerts are applied to the screen at most this often (a burst at 17:00 is one render, not hundreds). */
export const ALERT_FLUSH_MS = 500;

export interface WallAlerts {
  /** Newest first, at most MAX_FEED_ITEMS. */
  alerts: WallAlert[];
  /** Units alerted within PULSE_WINDOW_MS of the last batch. */
  pulsing: string[];
  /** Increments with every batch (restarts the map's pulse). */
  pulseCount: number;
}

export interface WallFeed extends WallAlerts {
  /** Adds items fetched from the server (missed while disconnected, or from before the wall started). */
  backfill: (items: readonly WallAlert[]) => void;
}

/** `alert:raised` of the subscribed scope as a bounded feed, batched. */
export function useWallAlerts(): WallFeed {
  const [state, setState] = useState<WallAlerts>({ alerts: [], pulsing: [], pulseCount: 0 });
  const pending = useRef<WallAlert[]>([]);
  const timer = useRef<number | null>(null);
  const flush = useCallback(() => {
    timer.current = null;
    const batch = pending.current;
    pending.current = [];
    if (!batch.length) return;
    const now = Date.now();
    setState((s) => {
      const alerts = pushAllBounded(s.alerts, batch, MAX_FEED_ITEMS, sameAlert);
      return { alerts, pulsing: recentAlertUnits(alerts, now), pulseCount: s.pulseCount + 1 };
    });
  }, []);
  useSocketEvent(EV.alertRaised, (a: AlertRaised) => {
    // The wall's feed is "Quá hạn mới": an early warning (at risk, not overdue) is not one of them.
    if (a.kind === 'at_risk') return;
    pending.current.push({ ...a, receivedAt: Date.now() });
    if (pending.current.length > MAX_FEED_ITEMS) pending.current.splice(0, pending.current.length - MAX_FEED_ITEMS);
    if (timer.current == null) timer.current = window.setTimeout(flush, ALERT_FLUSH_MS);
  });
  useEffect(
    () => () => {
      if (timer.current != null) window.clearTimeout(timer.current);
    },
    [],
  );
  const backfill = useCallback((items: readonly WallAlert[]) => {
    if (items.length) setState((s) => ({ ...s, alerts: mergeByTime(s.alerts, items, MAX_FEED_ITEMS) }));
  }, []);
  return useMemo(() => ({ ...state, backfill }), [state, backfill]);
}

export interface TrendSample {
  at: number;
  overdue: number | null;
  dueSoon: number | null;
  inProgress: number | null;
  onTimeRate: number | null;
  received: number | null;
  tasksOverdue: number | null;
}

export function sampleOf(m: ScopeMetrics, at: number): TrendSample {
  return {
    at,
    overdue: m.overdue,
    dueSoon: m.dueSoon,
    inProgress: m.inProgress,
    onTimeRate: m.onTimeRate,
    received: m.received,
    tasksOverdue: m.tasks.openOverdue,
  };
}

/** The scope's key figures sampled once a minute since the wall started, at most MAX_TREND_SAMPLES. */
export function useTrend(metrics: ScopeMetrics | undefined, scope: ScopeKey): TrendSample[] {
  const [trend, setTrend] = useState<TrendSample[]>([]);
  const latest = useRef(metrics);
  latest.current = metrics;
  const hasData = metrics != null;
  useEffect(() => setTrend([]), [scope]);
  useEffect(() => {
    if (!hasData) return;
    const take = (): void => {
      const m = latest.current;
      if (m) setTrend((t) => appendSample(t, sampleOf(m, Date.now()), MAX_TREND_SAMPLES, TREND_SAMPLE_MS / 2));
    };
    take();
    const id = window.setInterval(take, TREND_SAMPLE_MS);
    return () => window.clearInterval(id);
  }, [hasData, scope]);
  return trend;
}

/** Reloads the page when the server's build differs from the one the page started with. */
export function useReloadOnBuildChange(build: string | null): void {
  const first = useRef<string | null>(null);
  if (build && first.current == null) first.current = build;
  useEffect(() => {
    if (!build) return;
    let last = null;
    try {
      last = parseLastReload(window.sessionStorage.getItem(RELOAD_STORAGE_KEY));
    } catch {
      // storage disabled
    }
    const now = Date.now();
    if (!shouldReloadForBuild(first.current, build, last, now)) return;
    try {
      window.sessionStorage.setItem(RELOAD_STORAGE_KEY, JSON.stringify({ build, at: now }));
    } catch {
      // storage disabled: reload anyway
    }
    window.location.reload();
  }, [build]);
}
