/** The data-quality review's endpoints (shared/contract/quarantine.ts). */
import type {
  QuarantineCountsResponse,
  QuarantineListResponse,
  QuarantineRule,
  QuarantineState,
  ReplayOutcome,
  QuarantineRecord,
} from '../../../../shared/contract/quarantine';
import { apiUrl, getJson, sendJson } from '../../../api';

/** Records per page of the list. */
export const RECORDS_PAGE_SIZE = 10;

/** The filters of the tab (empty: any); from/to are Vietnam days, both included. */
export interface QualityFilter {
  source: string;
  rule: QuarantineRule | '';
  state: QuarantineState | '';
  from: string;
  to: string;
}

export function fetchCounts(f: QualityFilter, signal?: AbortSignal): Promise<QuarantineCountsResponse> {
  return getJson(apiUrl('/admin/quality/counts', { ...f }), { signal });
}

export function fetchRecords(f: QualityFilter, page: number, signal?: AbortSignal): Promise<QuarantineListResponse> {
  return getJson(apiUrl('/admin/quality/records', { ...f, page, pageSize: RECORDS_PAGE_SIZE }), { signal });
}

/** POST …/replay: the edited payload goes through the ingest path as the record's source. */
export function replayRecord(id: number, payload: unknown): Promise<ReplayOutcome> {
  return sendJson('POST', apiUrl(`/admin/quality/records/${id}/replay`), { payload });
}

export function dismissRecord(id: number, note: string): Promise<QuarantineRecord> {
  return sendJson('POST', apiUrl(`/admin/quality/records/${id}/dismiss`), { note });
}
