/** The sources tab's HTTP calls (admin only; changes carry the session's CSRF token). */
import type { AdminSource, AdminSourcesResponse, CreatedSource, SourceSettingsBody } from '../../../../shared/contract/admin-ops';
import type { HealthResponse, SourceFreshness } from '../../../../shared/contract/api';
import { apiUrl, getJson, sendJson } from '../../../api';

const enc = encodeURIComponent;

export function fetchAdminSources(signal?: AbortSignal): Promise<AdminSourcesResponse> {
  return getJson(apiUrl('/admin/sources'), { signal });
}

/** Lag and state of each active source, as the header's sources panel shows them (GET /health). */
export async function fetchFreshness(signal?: AbortSignal): Promise<SourceFreshness[]> {
  const h = await getJson<HealthResponse>(apiUrl('/health'), { signal });
  return 'sources' in h ? h.sources : [];
}

export function createSource(body: SourceSettingsBody & { name: string; kind: 'dossier' | 'task' }): Promise<CreatedSource> {
  return sendJson('POST', apiUrl('/admin/sources'), body);
}

export function updateSource(name: string, body: SourceSettingsBody): Promise<AdminSource> {
  return sendJson('PATCH', apiUrl(`/admin/sources/${enc(name)}`), body);
}

export function revokeSource(name: string): Promise<AdminSource> {
  return sendJson('POST', apiUrl(`/admin/sources/${enc(name)}/revoke`), {});
}
