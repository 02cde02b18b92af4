/**
 * Whether the screen is phone-narrow (the breakpoint of styles/responsive.css), read once per render and
 * followed as the window is resized or the phone turned.
 */
import { useSyncExternalStore } from 'react';

export const NARROW_QUERY = '(max-width: 720px)';

// One list for the page's lifetime: every render reads it, and matchMedia builds a new one per call
// (on a throttled phone, a fifth of a second of the first load went there).
let list: MediaQueryList | null | undefined;

function query(): MediaQueryList | null {
  list ??= typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(NARROW_QUERY) : null;
  return list;
}

function subscribe(l: () => void): () => void {
  const q = query();
  q?.addEventListener('change', l);
  return () => q?.removeEventListener('change', l);
}

const isNarrow = (): boolean => query()?.matches ?? false;

export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, isNarrow, () => false);
}
