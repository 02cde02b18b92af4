/** The data-trust endpoints (shared/contract/data-trust.ts). */
import type { Period } from '../../../shared/contract/metrics';
import type {
  DataTrustFlagsResponse,
  DataTrustReviewRequest,
  DataTrustReviewResponse,
  DataTrustRule,
  DataTrustStatus,
  DataTrustSummaryResponse,
} from '../../../shared/contract/data-trust';
import { apiUrl, CITY_CODE, getJson, sendJson } from '../../api';

/** Flags per page of the list. */
export const FLAGS_PAGE_SIZE = 20;

/** GET /api/v1/data-trust?period=: every unit's and department's figure. */
export function fetchDataTrust(period: Period, signal?: AbortSignal): Promise<DataTrustSummaryResponse> {
  return getJson<DataTrustSummaryResponse>(apiUrl('/data-trust', { period }), { signal });
}

export interface FlagsView {
  code: string;
  rule: DataTrustRule | null;
  status: DataTrustStatus | null;
  page: number;
}

/** The flags' URL: the city's, or a unit's or department's (the API answers both under /units/ and /departments/). */
export function flagsUrl(v: FlagsView, period: Period, kind: 'unit' | 'department' = 'unit'): string {
  const path = v.code === CITY_CODE ? '/city/data-trust/flags' : `/${kind}s/${encodeURIComponent(v.code)}/data-trust/flags`;
  return apiUrl(path, { period, rule: v.rule ?? undefined, status: v.status ?? undefined, page: v.page, pageSize: FLAGS_PAGE_SIZE });
}

export function fetchFlags(url: string, signal?: AbortSignal): Promise<DataTrustFlagsResponse> {
  return getJson<DataTrustFlagsResponse>(url, { signal });
}

/** POST …/data-trust/flags/:id/review (a supervisor). */
export function reviewFlag(
  unit: string,
  kind: 'unit' | 'department',
  id: string,
  body: DataTrustReviewRequest,
): Promise<DataTrustReviewResponse> {
  const path = `/${kind}s/${encodeURIComponent(unit)}/data-trust/flags/${encodeURIComponent(id)}/review`;
  return sendJson<DataTrustReviewResponse>('POST', apiUrl(path), body);
}
