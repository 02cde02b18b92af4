/**
 * V8's heaps sized for memory while ingest is quiet, for speed while it runs hot (issue 15: RSS ≤ 400 MB
 * after a burst of 100k events). With V8's defaults a quiet server never gave a burst's heap back: after
 * 100k events the main thread's and the projection writer's heaps kept ≈ 230 MiB each, two thirds of it
 * garbage. V8's `--optimize-for-size` grows the heaps slowly and lets its memory reducer return them
 * when idle (the burst then leaves ≈ 300 MiB), but kept on it costs ingest ≈ 50 % more CPU per event
 * (smaller young generation, more collections). So it is on except while events arrive faster than
 * HOT_EVENTS_PER_S, and back on HOT_HOLD_MS after the last such second. V8 reads the flag at each
 * collection and when it sizes a new thread's heap; the flag is process-wide (every thread).
 * Measured: bench/memory-burst.ts, bench/ingest-http.ts (BENCHMARKS.md §2b).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Ingest faster than this (items changed per second, over the last second) runs with V8's default heaps. */
export const HOT_EVENTS_PER_S = 200;
/** How long after the last hot second the heaps favour memory again. */
export const HOT_HOLD_MS = 3_000;

/**
 * After this many changes, the first quiet spell of QUIET_MS collects the main thread's heap (≈ 50–100 ms
 * of CPU for its ≈ 60 MiB of live objects). Low, so that a burst that paused on the way (a writer far
 * behind answers 503 for a while) is still collected after its end.
 */
export const COLLECT_AFTER_CHANGES = 5_000;
export const QUIET_MS = 3_000;

/** When the heaps should favour memory, and be collected, from the changes applied and the clock (pure: tested alone). */
export class HeapModeRule {
  private windowStart = -Infinity;
  private windowEvents = 0;
  private hotUntil = -Infinity;
  private lastApplied = -Infinity;
  private sinceCollection = 0;

  /** A batch changed `n` items (dossiers, tasks: at most its events) at `now` (ms); answers whether ingest runs hot now. */
  applied(n: number, now: number): boolean {
    if (now - this.windowStart >= 1_000) {
      this.windowStart = now;
      this.windowEvents = 0;
    }
    this.windowEvents += n;
    this.lastApplied = now;
    this.sinceCollection += n;
    if (this.windowEvents >= HOT_EVENTS_PER_S) this.hotUntil = now + HOT_HOLD_MS;
    return this.hot(now);
  }

  hot(now: number): boolean {
    return now < this.hotUntil;
  }

  /** Whether a burst (COLLECT_AFTER_CHANGES since the last collection) has been followed by QUIET_MS of none; if so, counts afresh. */
  collectNow(now: number): boolean {
    if (this.sinceCollection < COLLECT_AFTER_CHANGES || now - this.lastApplied < QUIET_MS) return false;
    this.sinceCollection = 0;
    return true;
  }
}

/** Sets V8's memory-favouring mode; the default is V8's (speed). */
export function setSmallHeaps(on: boolean): void {
  setFlagsFromString(on ? '--optimize-for-size' : '--no-optimize-for-size');
}

/**
 * A full collection of this thread's heap. V8 runs one for the projection writer soon after a burst (its
 * heap shrank to ≈ 60 MiB within seconds), not for the main thread, whose heap stayed at its burst size
 * (≈ 130–160 MiB, half of it garbage or more) however long the server stayed quiet: asked for once per
 * burst, when it is over. V8's `gc` extension, exposed by its flag (as `node --expose-gc` does).
 */
function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Switches the heaps as ingest heats and cools (checked on each applied batch and every second). The
 * first switch to memory comes at the first check, a second after the start: the runtime's threads
 * (the projection writer) were made meanwhile, with V8's default heap sizes for their hot times.
 * Once a burst is over, the main thread's heap is collected once (see fullCollection). `set`,
 * `collect` and `now` are for tests.
 */
export function startHeapMode(opts: { set?: (small: boolean) => void; collect?: () => void; now?: () => number } = {}) {
  const set = opts.set ?? setSmallHeaps;
  const collect = opts.collect ?? fullCollection();
  const now = opts.now ?? (() => performance.now());
  const rule = new HeapModeRule();
  let small = false;
  const update = (hot: boolean) => {
    if (hot === !small) return;
    small = !hot;
    set(small);
  };
  const timer = setInterval(() => {
    const t = now();
    update(rule.hot(t));
    if (rule.collectNow(t)) collect();
  }, 1_000);
  timer.unref();
  return {
    applied(n: number): void {
      update(rule.applied(n, now()));
    },
    get small(): boolean {
      return small;
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}

export type HeapMode = ReturnType<typeof startHeapMode>;
