/**
 * Whether an element has come near the viewport, once: true from the first time it is within
 * `rootMargin` of the screen, and true from the start where IntersectionObserver is missing. Parts
 * below the fold (the overview's charts, the largest library of the client) load only then, so a
 * phone's first load spends its bandwidth and CPU on the KPI tiles and the map.
 */
import { useEffect, useState, type RefObject } from 'react';

export function useNearViewport(ref: RefObject<Element | null>, rootMargin = '300px'): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          io.disconnect();
        }
      },
      { rootMargin },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref, near, rootMargin]);
  return near;
}
