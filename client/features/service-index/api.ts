/** The service-index endpoints (shared/contract/service-index.ts). */
import type { IndexRankingResponse, ScopeIndexResponse } from '../../../shared/contract/service-index';
import { apiUrl, CITY_CODE, getJson } from '../../api';

/**
 * GET /api/v1/index?period=[&province=]: every unit and department ranked among its peers, and the city;
 * in a national pack the provinces too, and with `province` only that province's communes.
 */
export function fetchIndexRanking(period: string, signal?: AbortSignal, province?: string | null): Promise<IndexRankingResponse> {
  return getJson<IndexRankingResponse>(apiUrl('/index', { period, province }), { signal });
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
