/**
 * The past moment the page on screen shows, if any: set by the view that replays, read by the header,
 * whose live state must not say "Trực tiếp", nor its clock "Cập nhật lúc" now, over figures that are not live.
 */
import { useEffect, useSyncExternalStore } from 'react';

let replayedAt: number | null = null;
const listeners = new Set<() => void>();

function set(next: number | null): void {
  if (next === replayedAt) return;
  replayedAt = next;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The replayed moment (epoch ms) while a view shows one, else null. */
export function useReplayedAt(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => replayedAt,
    () => null,
  );
}

/** True while a view shows a replayed moment. */
export function useReplayActive(): boolean {
  return useReplayedAt() !== null;
}

/** Called by the view that replays: announces the moment on screen while it is mounted (null: live). */
export function useAnnounceReplay(at: number | null): void {
  useEffect(() => {
    set(at);
    return () => set(null);
  }, [at]);
}
