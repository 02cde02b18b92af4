/** The service-index endpoints (shared/contract/service-index.ts). */
import type { IndexRankingResponse, ScopeIndexResponse } from '../../../shared/contract/service-index';
import { apiUrl, CITY_CODE, getJson } from '../../api';

/** GET /api/v1/index?period=: every unit and department ranked among its peers, and the city. */
export function fetchIndexRanking(period: string, signal?: AbortSignal): Promise<IndexRankingResponse> {
  return getJson<IndexRankingResponse>(apiUrl('/index', { period }), { signal });
}

/** GET /api/v1/{units|departments}/:code/index or /city/index: one scope's indicators. */
export function fetchScopeIndex(
  code: string,
  kind: 'unit' | 'department' | 'city',
  period: string,
  signal?: AbortSignal,
): Promise<ScopeIndexResponse> {
  const path = kind === 'city' || code === CITY_CODE ? '/city/index' : `/${kind}s/${encodeURIComponent(code)}/index`;
  return getJson<ScopeIndexResponse>(apiUrl(path, { period }), { signal });
}
