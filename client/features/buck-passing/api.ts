/** The buck-passing lists' URL: the city's, or a unit's or department's (the API answers both under /units/). */
import type { Period } from '../../../shared/contract/metrics';
import type { BuckPassingListResponse } from '../../../shared/contract/buck-passing';
import { apiUrl, CITY_CODE, getJson } from '../../api';
import type { ListState } from './list-state';

/** Rows per page of a buck-passing list. */
export const CASES_PAGE_SIZE = 20;

/** GET /api/v1/city/buck-passing or /units/:code/buck-passing with the list's view. */
export function buckPassingUrl(code: string, period: Period, s: ListState, pageSize = CASES_PAGE_SIZE): string {
  const path = code === CITY_CODE ? '/city/buck-passing' : `/units/${encodeURIComponent(code)}/buck-passing`;
  return apiUrl(path, {
    period,
    rule: s.rule ?? undefined,
    official: s.official ?? undefined,
    sort: s.sort,
    page: s.page,
    pageSize,
  });
}

export function fetchBuckPassing(url: string, signal?: AbortSignal): Promise<BuckPassingListResponse> {
  return getJson<BuckPassingListResponse>(url, { signal });
}
