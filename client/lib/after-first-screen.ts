/**
 * Whether the page's first screen is done: true once `ready` (e.g. the live connection is up) and the
 * browser has drawn a frame and had an idle moment after it, or at the latest `maxMs` after mount.
 * Work below the fold waits for it (the overview's charts: Recharts is the client's largest library), so
 * its download, evaluation and first render do not stand between a leader and the map with its live
 * figures (issue 15). Once passed, it stays passed for the page's lifetime: a later visit draws at once.
 */
import { useEffect, useState } from 'react';

/** The longest the first screen holds back what waits for it. */
export const FIRST_SCREEN_MAX_MS = 2_000;
/** An idle moment is awaited at most this long after the frame. */
const IDLE_TIMEOUT_MS = 300;

let passed = false;

/** Tests: the page's first screen not yet passed. */
export function resetFirstScreen(): void {
  passed = false;
}

export function useAfterFirstScreen(ready: boolean, maxMs = FIRST_SCREEN_MAX_MS): boolean {
  const [done, setDone] = useState(passed);
  useEffect(() => {
    if (done) return;
    const id = window.setTimeout(() => {
      passed = true;
      setDone(true);
    }, maxMs);
    return () => window.clearTimeout(id);
  }, [done, maxMs]);
  useEffect(() => {
    if (done || !ready) return;
    let cancelled = false;
    const finish = () => {
      if (cancelled) return;
      passed = true;
      setDone(true);
    };
    const frame = requestAnimationFrame(() => {
      if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(finish, { timeout: IDLE_TIMEOUT_MS });
      else window.setTimeout(finish, 0);
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [done, ready]);
  return done;
}
