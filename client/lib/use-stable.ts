import { useRef } from 'react';

/**
 * The previous value for as long as `equal` says the new one draws the same, so that memoised children
 * (charts above all: Recharts redraws a whole chart per render) skip the live updates that change nothing
 * they show.
 */
export function useStable<T>(value: T, equal: (a: T, b: T) => boolean): T {
  const kept = useRef(value);
  if (kept.current !== value && !equal(kept.current, value)) kept.current = value;
  return kept.current;
}
