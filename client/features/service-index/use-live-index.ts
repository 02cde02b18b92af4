/**
 * The ranking of a period, fetched again when `metrics:updated` arrives for it while it is current
 * (at most once per LIVE_REFETCH_MIN_MS: a busy morning pushes several updates a second).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MetricsUpdated } from '../../../shared/contract/events';
import type { IndexRankingResponse } from '../../../shared/contract/service-index';
import { useApi, type ApiState } from '../../api';
import { EV } from '../../realtime/socket';
import { useScopeSubscription } from '../../realtime/useScopeSubscription';
import { useSocketEvent } from '../../realtime/useSocketEvent';
import { CURRENT_INDEX_PERIODS, type CurrentIndexPeriod } from './index-model';
import { fetchIndexRanking } from './api';

/** Shortest gap between two fetches caused by live updates. */
export const LIVE_REFETCH_MIN_MS = 5_000;

export interface LiveIndex {
  /** The answer, with the province it was asked for (the last answer stays while the next one loads). */
  ranking: ApiState<IndexRankingResponse & { askedProvince: string | null }>;
  /** The current period whose live updates are followed, or null for a closed one. */
  livePeriod: CurrentIndexPeriod | null;
  /** Increments at each live refresh, so a breakdown on screen is fetched again with the ranking. */
  liveTick: number;
}

/** A throttled trigger: runs `fn` now, or once at the end of the gap if it ran less than `gapMs` ago. */
export function useThrottled(fn: () => void, gapMs: number): () => void {
  const last = useRef(0);
  const timer = useRef<number | null>(null);
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current !== null) return;
    const wait = last.current + gapMs - Date.now();
    const run = () => {
      timer.current = null;
      last.current = Date.now();
      latest.current();
    };
    if (wait <= 0) run();
    else timer.current = window.setTimeout(run, wait);
  }, [gapMs]);
}

/** The ranking of `period` (in a national pack, of `province`'s communes when given), live while the period is current. */
export function useLiveIndex(period: string, province: string | null = null): LiveIndex {
  const ranking = useApi(
    (signal) => fetchIndexRanking(period, signal, province).then((r) => ({ ...r, askedProvince: province })),
    [period, province],
  );
  // `2026-12` in December is current too: the server says which one it is.
  const asked = (CURRENT_INDEX_PERIODS as readonly string[]).includes(period) ? (period as CurrentIndexPeriod) : null;
  const window_ = ranking.data?.window;
  const livePeriod = asked ?? (window_?.current && window_.period === period ? window_.kind : null);
  // The city's subscription makes the server push `metrics:updated` for this period.
  useScopeSubscription(livePeriod ? 'city' : null, livePeriod ?? 'month');
  const [liveTick, setLiveTick] = useState(0);
  const { reload } = ranking;
  const refresh = useThrottled(() => {
    reload();
    setLiveTick((n) => n + 1);
  }, LIVE_REFETCH_MIN_MS);
  useSocketEvent(
    EV.metricsUpdated,
    (msg: MetricsUpdated) => {
      if (msg.period === livePeriod) refresh();
    },
    livePeriod !== null,
  );
  return { ranking, livePeriod, liveTick };
}
