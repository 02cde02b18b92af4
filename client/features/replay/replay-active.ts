/**
 * Whether the page on screen shows a past moment: set by the view that replays, read by the header,
 * whose live state must not say "Trực tiếp" over figures that are not live.
 */
import { useEffect, useSyncExternalStore } from 'react';

let active = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (next === active) return;
  active = next;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** True while a view shows a replayed moment. */
export function useReplayActive(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => active,
    () => false,
  );
}

/** Called by the view that replays: marks the page as replaying while `replaying` is true and it is mounted. */
export function useAnnounceReplay(replaying: boolean): void {
  useEffect(() => {
    set(replaying);
    return () => set(false);
  }, [replaying]);
}
