/**
 * The page's side of the offline snapshot: registering the service worker, and emptying the snapshot
 * cache when the session changes, so nothing private stays on the device after logout and a public
 * visitor's cache holds only what the public may see.
 */
import { API_SNAPSHOT_CACHE } from './snapshot-rules';

/** Deletes every kept API answer (the app shell stays: it holds no data). */
export async function clearSnapshotCache(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(API_SNAPSHOT_CACHE);
}

/**
 * Registers the service worker built by vite-plugin-pwa (production builds only: the dev server has none).
 * Wall displays are left out: an unattended screen must never open on old figures, it has its own
 * freshness rules and reload-on-build.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (location.pathname.startsWith('/wall')) return;
  const { registerSW } = await import('virtual:pwa-register');
  registerSW({ immediate: true });
}
