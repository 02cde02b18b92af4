/** The wall's HTTP calls: its display identity (with the token) and named presets. */
import type { DisplayIdentityResponse, WallPresetResponse } from '../../../server/wall/wall-types';
import { ApiError, apiUrl, getJson } from '../../api';

/** GET /api/v1/wall/display with the token; ApiError 401 (`display_token_invalid`) when unknown or revoked. */
export async function fetchDisplayIdentity(token: string, signal?: AbortSignal): Promise<DisplayIdentityResponse> {
  const url = apiUrl('/wall/display');
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` }, signal });
  } catch (e) {
    if (signal?.aborted) throw new ApiError('aborted', 'aborted', { url });
    throw new ApiError('network', e instanceof Error ? e.message : String(e), { url });
  }
  const body = (await res.json().catch(() => null)) as (DisplayIdentityResponse & { error?: { code?: string; message?: string } }) | null;
  if (!res.ok) {
    throw new ApiError('http', body?.error?.message ?? `HTTP ${res.status}`, { status: res.status, code: body?.error?.code ?? null, url });
  }
  if (!body) throw new ApiError('parse', `Invalid JSON from ${url}`, { status: res.status, url });
  return body;
}

/** GET /api/v1/wall/presets/:name; ApiError 404 when there is no such preset. */
export function fetchWallPreset(name: string, signal?: AbortSignal): Promise<WallPresetResponse> {
  return getJson(apiUrl(`/wall/presets/${encodeURIComponent(name)}`), { signal });
}

/** Errors worth retrying: no answer, or the server failing (5xx) — not a definite 4xx answer. */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true;
  if (e.kind === 'aborted') return false;
  return e.kind === 'network' || e.kind === 'parse' || e.status === 0 || e.status >= 500;
}
