/**
 * Emptying the offline snapshot when the session changes, so nothing private stays on the device after
 * logout and a public visitor's cache holds only what the public may see.
 */
import { API_SNAPSHOT_CACHE } from './snapshot-rules';

/** Deletes every kept API answer (the app shell stays: it holds no data). */
export async function clearSnapshotCache(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(API_SNAPSHOT_CACHE);
}
