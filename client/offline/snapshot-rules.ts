/**
 * Which answers the service worker keeps as the offline snapshot, shared by the worker (sw.ts) and the
 * page (offline-cache.ts) so both agree. Pure: no DOM, no worker globals.
 */

/** The Cache Storage name of the read-API snapshot. */
export const API_SNAPSHOT_CACHE = 'api-snapshot-v1';

/** Set by the service worker on an answer it served from the snapshot: the server's Date of that answer. */
export const OFFLINE_SNAPSHOT_HEADER = 'X-Offline-Snapshot';

/** Paths never kept: files to download, the calls that open or close a session, administration and monitoring. */
const NEVER = [
  /^\/api\/v1\/exports\//,
  /^\/api\/v1\/auth\/(login|logout)$/,
  /^\/api\/v1\/ingest\//,
  /^\/api\/v1\/admin\//,
  /^\/api\/v1\/audit$/,
  /^\/api\/v1\/health$/,
];

/**
 * A read-API GET of a browser user (no bearer token: wall displays are never served stale data).
 * `/auth/me` is kept: offline, the app still knows who was signed in and opens their pages.
 */
export function isSnapshotRequest(pathname: string, method: string, hasAuthorization: boolean): boolean {
  if (method !== 'GET' || hasAuthorization) return false;
  if (!pathname.startsWith('/api/v1/')) return false;
  return !NEVER.some((re) => re.test(pathname));
}
