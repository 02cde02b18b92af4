/**
 * React hooks over the API: `useApi` for any call (abort on change/unmount, error surfaced,
 * reload), and `useJurisdiction` / `useBoundaries` cached for the page's lifetime.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoundariesResponse, JurisdictionResponse } from '../../shared/contract/api';
import { ApiError, apiUrl, getJson, isAbortError } from './client';
import { fetchBoundaries, fetchJurisdiction, fetchProvinceBoundaries } from './endpoints';
import { firstAnswer, firstAnswerNow } from './first-answers';
import { onBackOnline } from '../offline/offline-state';

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  /** True while a request is in flight (also during a reload; `data` keeps the last value). */
  loading: boolean;
  /** Fetches again with the same arguments. */
  reload: () => void;
}

function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError('network', e instanceof Error ? e.message : String(e), { url: '' });
}

/**
 * Runs `call(signal)` whenever `deps` change (and on `reload()`), aborting the previous call.
 * The last good data stays visible while a new call runs; `error` is cleared on success.
 *
 * @example const { data, error } = useApi((s) => fetchUnitDetail(code, period, { signal: s }), [code, period]);
 */
export function useApi<T>(
  call: ((signal: AbortSignal) => Promise<T>) | null,
  deps: readonly unknown[],
  /** The page's first answer for this call (first-answers.ts), if it is here: drawn at once, not asked again. */
  initial?: () => T | undefined,
): ApiState<T> {
  const [first] = useState(() => (call != null && initial ? initial() : undefined));
  const [data, setData] = useState<T | null>(first ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState<boolean>(call != null && first === undefined);
  const [nonce, setNonce] = useState(0);
  const callRef = useRef(call);
  callRef.current = call;
  // The mount's request is already answered by the first answer; changes of deps and reloads ask as usual.
  const skipFirst = useRef(first !== undefined);

  useEffect(() => {
    const fn = callRef.current;
    if (skipFirst.current) {
      skipFirst.current = false;
      return;
    }
    if (!fn) {
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    fn(ctrl.signal).then(
      (d) => {
        if (ctrl.signal.aborted) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted || isAbortError(e)) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    return () => ctrl.abort();
    // The deps are the caller's (like useEffect); `call` is read through a ref.
  }, [...deps, nonce, call == null]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  // Back from the offline snapshot: fetch again, so nothing stays on screen from the cache.
  useEffect(() => onBackOnline(reload), [reload]);
  return { data, error, loading, reload };
}

/** A request shared by every caller for the page's lifetime (dropped on failure to allow retry). */
function cached<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => {
    if (!p) {
      p = load();
      p.catch(() => {
        p = null;
      });
    }
    return p;
  };
}

/** Server settings for the client (GET /client-config): the base-map tile server the CSP admits. */
export interface ClientConfig {
  tileUrl: string | null;
  tileAttribution: string;
  publicView: boolean;
}
/** The server's client settings, fetched once and shared. */
const CLIENT_CONFIG = apiUrl('/client-config');
export const loadClientConfig = cached<ClientConfig>(() => firstAnswer(CLIENT_CONFIG) ?? getJson(CLIENT_CONFIG));

/** The server's client settings (tile server), cached across components and pages. */
export function useClientConfig(): ApiState<ClientConfig> {
  return useApi(
    () => loadClientConfig(),
    [],
    () => firstAnswerNow(CLIENT_CONFIG),
  );
}

const JURISDICTION = apiUrl('/jurisdiction');
/** Units and departments, fetched once and shared. */
export const loadJurisdiction = cached<JurisdictionResponse>(() => firstAnswer(JURISDICTION) ?? fetchJurisdiction());
/** Boundaries GeoJSON, fetched once and shared. */
const BOUNDARIES = apiUrl('/jurisdiction/boundaries');
export const loadBoundaries = cached<BoundariesResponse>(() => firstAnswer(BOUNDARIES) ?? fetchBoundaries());
export const loadProvinceBoundaries = cached<BoundariesResponse>(() => fetchProvinceBoundaries());

/** The jurisdiction (units and departments), cached across components and pages. */
export function useJurisdiction(): ApiState<JurisdictionResponse> {
  return useApi(
    () => loadJurisdiction(),
    [],
    () => firstAnswerNow(JURISDICTION),
  );
}

/** The boundaries GeoJSON, cached across components and pages. */
/** `enabled` false: not fetched (yet); the tile cartogram and the table draw without boundaries. */
export function useBoundaries(enabled = true): ApiState<BoundariesResponse> {
  // Preloaded on wide screens and waited for by the first render (main.tsx): then drawn in it.
  return useApi(enabled ? () => loadBoundaries() : null, [], () => firstAnswerNow(BOUNDARIES));
}

/** A national pack's province cells, cached like the boundaries; not fetched while `enabled` is false. */
export function useProvinceBoundaries(enabled: boolean): ApiState<BoundariesResponse> {
  return useApi(enabled ? () => loadProvinceBoundaries() : null, []);
}
