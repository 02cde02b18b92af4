/** The walls tab's HTTP calls: displays (admin only) and presets (listed publicly, changed by the admin). */
import type { AdminDisplaysResponse, CreatedDisplay, AdminDisplay } from '../../../../shared/contract/admin-ops';
import type { ScopeKey } from '../../../../shared/contract/metrics';
import type { WallPresetResponse, WallScene } from '../../../../server/wall/wall-types';
import { apiUrl, getJson, sendJson } from '../../../api';

const enc = encodeURIComponent;

export function fetchDisplays(signal?: AbortSignal): Promise<AdminDisplaysResponse> {
  return getJson(apiUrl('/admin/wall/displays'), { signal });
}

export function addDisplay(name: string, scope: ScopeKey): Promise<CreatedDisplay> {
  return sendJson('POST', apiUrl('/admin/wall/displays'), { name, scope });
}

export function revokeDisplay(name: string): Promise<AdminDisplay> {
  return sendJson('POST', apiUrl(`/admin/wall/displays/${enc(name)}/revoke`), {});
}

export function fetchPresets(signal?: AbortSignal): Promise<{ items: WallPresetResponse[] }> {
  return getJson(apiUrl('/wall/presets'), { signal });
}

export function savePreset(name: string, scenes: WallScene[], intervalSeconds: number): Promise<WallPresetResponse> {
  return sendJson('PUT', apiUrl(`/admin/wall/presets/${enc(name)}`), { scenes, intervalSeconds });
}

export function deletePreset(name: string): Promise<null> {
  return sendJson('DELETE', apiUrl(`/admin/wall/presets/${enc(name)}`), {});
}

/** The wall's address for a preset, a scope, or (once, at creation) a display's token: see client/features/wall/wall-config.ts. */
export function wallUrl(q: { preset?: string; scope?: ScopeKey; token?: string }): string {
  const p = new URLSearchParams();
  if (q.token) p.set('token', q.token);
  if (q.preset) p.set('preset', q.preset);
  if (q.scope && q.scope !== 'city') p.set('scope', q.scope);
  const s = p.toString();
  return `/wall${s ? `?${s}` : ''}`;
}
