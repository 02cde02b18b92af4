import { useRef } from 'react';

/**
 * True once the server's build (from clock ticks) differs from the first one this page saw:
 * the page should be reloaded to get the new client.
 */
export function useBuildChange(build: string | null): boolean {
  const first = useRef<string | null>(null);
  if (build && first.current == null) first.current = build;
  return build != null && first.current != null && build !== first.current;
}
