/**
 * The `&compare=` moment of the URL and GET /replay/compare between it and the moment replayed: one
 * request, read by the compare panel and the overview's map alike.
 */
import { useSearchParams } from 'react-router';
import type { ReplayAsOf, ReplayCompareResponse } from '../../../shared/contract/replay';
import { apiUrl, getJson, useApi, type ApiState } from '../../api';
import { orderMoments } from './compare';
import { parseReplayParams, toAtParam } from './replay-time';

/** The `compare` moment of the URL (an instant with its offset), or null. */
export function compareOf(sp: URLSearchParams): number | null {
  const raw = sp.get('compare');
  if (!raw) return null;
  return parseReplayParams(new URLSearchParams({ at: raw }))?.at ?? null;
}

export interface CompareAnswer {
  /** A (earlier) and B; null with no `compare` in the URL or the same instant as `at`. */
  moments: { from: number; to: number } | null;
  /** Whether the URL asks to compare at all (it may name the same instant). */
  asked: boolean;
  res: ApiState<ReplayCompareResponse>;
}

/** The comparison between `at` and the URL's `compare` moment; `enabled` false asks nothing (another reader has it). */
export function useCompareAnswer(at: number | null, asOf: ReplayAsOf, enabled = true): CompareAnswer {
  const [sp] = useSearchParams();
  const compare = compareOf(sp);
  const moments = at === null || compare === null ? null : orderMoments(at, compare);
  const from = moments ? toAtParam(moments.from) : '';
  const to = moments ? toAtParam(moments.to) : '';
  const res = useApi(
    enabled && moments ? (signal) => getJson<ReplayCompareResponse>(apiUrl('/replay/compare', { from, to, asOf }), { signal }) : null,
    [enabled, from, to, asOf],
  );
  return { moments, asked: at !== null && compare !== null, res };
}
