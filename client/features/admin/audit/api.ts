/** The audit tab's HTTP calls (admin only). */
import type { AuditActionsResponse, AuditPage } from '../../../../shared/contract/admin-ops';
import { apiUrl, getFile, getJson, type FileDownload } from '../../../api';

/** The filter as the API takes it: days `YYYY-MM-DD` in Vietnam time, both included; '' for none. */
export interface AuditFilterValues {
  action: string;
  actor: string;
  from: string;
  to: string;
}

export const NO_FILTER: AuditFilterValues = { action: '', actor: '', from: '', to: '' };

export function fetchAuditPage(f: AuditFilterValues, page: number, pageSize: number, signal?: AbortSignal): Promise<AuditPage> {
  return getJson(apiUrl('/audit', { ...f, page, pageSize }), { signal });
}

export function fetchAuditActions(signal?: AbortSignal): Promise<AuditActionsResponse> {
  return getJson(apiUrl('/audit/actions'), { signal });
}

export function downloadAuditCsv(f: AuditFilterValues, lang: 'vi' | 'en'): Promise<FileDownload> {
  return getFile(apiUrl('/audit/export', { ...f, lang }));
}
