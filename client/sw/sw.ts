/// <reference lib="webworker" />
/**
 * The service worker: the app shell from the precache (so the app opens with no network), and the last
 * answer of every read-API GET, so a leader offline sees the last figures they were shown — marked as
 * such by the `X-Offline-Snapshot` header the page turns into the "Ngoại tuyến" banner.
 *
 * What is never kept: a wall display's calls (they carry a bearer token: a wall must never show stale
 * data as live, it has its own freshness rules), exports, the login/logout calls and Socket.IO. The page
 * empties the snapshot cache at logout and whenever the session changes (offline-cache.ts).
 */
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core';
import { API_SNAPSHOT_CACHE, OFFLINE_SNAPSHOT_HEADER, isSnapshotRequest } from '../offline/snapshot-rules';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// A new build takes over at once; the page (registerType autoUpdate) reloads onto it, so an old page never
// asks for chunks the new build no longer has.
self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page of the single-page app opens from the cached index.html, so it opens with no network. Not the
// wall: it reloads itself on a new build and must get that build from the server, never an old copy.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/socket\.io\//, /^\/wall(\/|$)/] }));

/** Marks an answer served from the cache, with the time the server sent it (its Date header). */
const markSnapshot: WorkboxPlugin = {
  cachedResponseWillBeUsed: async ({ cachedResponse }) => {
    if (!cachedResponse) return cachedResponse;
    const headers = new Headers(cachedResponse.headers);
    headers.set(OFFLINE_SNAPSHOT_HEADER, cachedResponse.headers.get('Date') ?? new Date(0).toUTCString());
    return new Response(await cachedResponse.blob(), { status: cachedResponse.status, statusText: cachedResponse.statusText, headers });
  },
};

registerRoute(
  ({ request, url }) =>
    url.origin === self.location.origin && isSnapshotRequest(url.pathname, request.method, request.headers.has('Authorization')),
  new NetworkFirst({
    cacheName: API_SNAPSHOT_CACHE,
    // Past this the network counts as gone and the last answer is shown (with its age).
    networkTimeoutSeconds: 6,
    plugins: [new ExpirationPlugin({ maxEntries: 200 }), markSnapshot],
  }),
);
