import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most once every `minMs` (the latest value wins, delivered at the end of
 * the wait). Used to refresh lists on live updates without refetching on every delta.
 */
export function useThrottled<T>(value: T, minMs: number): T {
  const [out, setOut] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, out)) return;
    const wait = last.current + minMs - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setOut(value);
      return;
    }
    const timer = setTimeout(() => {
      last.current = Date.now();
      setOut(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, out, minMs]);
  return out;
}
