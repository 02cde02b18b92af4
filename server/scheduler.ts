/**
 * The live path's timers, in one place. Every DELTA_FLUSH_MS the metrics clock advances to now (items
 * whose due time passed turn overdue and raise alerts) and then the hub flushes, so a change the clock
 * made reaches clients in the same step, and so do explanation requests whose answer due date passed
 * (noted in the database once, so a restart loses none); every CLOCK_TICK_MS the hub sends the clock tick. The hub
 * itself runs no timer and never touches the metrics clock.
 *
 * An accepted event does not wait for the next period (`changed`): after a quiet spell its change is
 * flushed at once (leading edge); while changes keep coming, flushes are spaced by four times what the
 * last one cost (at least MIN_FLUSH_GAP_MS, at most DELTA_FLUSH_MS), so fan-out takes at most about a
 * fifth of the event loop however many screens listen, and a change waits at most DELTA_FLUSH_MS.
 */
import type { Alert } from './metrics/engine.js';
import type { AtRiskAlert } from './metrics/early-warning-index.js';
import { alertPayload, type AlertSources } from './realtime/alert-payload.js';
import type { Hub } from './realtime/hub.js';

export interface LiveSchedulerDeps {
  /** The metrics clock: moves the engine's present to `now` (epoch ms), returning the items that became overdue. */
  metrics: { advance(now: number): Alert[] };
  /**
   * The early warning's clock: the dossiers that became at risk (and were never pushed), at the same
   * `now`, answered once recorded as pushed (published then); null when none did (no promise made).
   */
  atRisk?: { advance(now: number): Promise<readonly AtRiskAlert[]> | null };
  now: () => number;
  /** What an alert reads to name the item (alert-payload.ts). */
  alertSources: AlertSources;
  hub: Pick<Hub, 'flush' | 'tick' | 'publishAlert'>;
  /** Explanation requests: notes (and pushes) those whose answer due date passed, on the same clock. */
  requests?: { sweepOverdue(): Promise<number> };
  /** Told when a sweep failed (a database away): the next step sweeps again, nothing noted is lost. */
  onSweepError?: (err: unknown) => void;
  /** Data trust: judges each working day's unit figures once its office hours are over (daily jump). */
  dataTrust?: { sweep(): Promise<number> };
  deltaFlushMs: number;
  clockTickMs: number;
  /** Wall-clock milliseconds for spacing flushes (default performance.now; tests pass their own). */
  wallNow?: () => number;
}

export interface LiveScheduler {
  /** One periodic step: advance the metrics clock, publish its alerts, flush the changed metrics, sweep. */
  step(): void;
  /** Metrics changed (an event was applied): flush soon — at once after a quiet spell, see the module's comment. */
  changed(): void;
  stop(): void;
}

/** The shortest spacing of event-driven flushes under a stream of changes. */
export const MIN_FLUSH_GAP_MS = 20;
/** Event-driven flushes are spaced by this many times the last flush's cost. */
const FLUSH_COST_FACTOR = 4;

/**
 * How long a change waits before its flush (ms), given when the last flush ended and what it cost
 * (wall-clock ms): none after a quiet spell; else until the gap after the last flush has passed.
 */
export function flushDelay(last: { end: number; cost: number }, wallNow: number, deltaFlushMs: number): number {
  const gap = Math.min(deltaFlushMs, Math.max(MIN_FLUSH_GAP_MS, FLUSH_COST_FACTOR * last.cost));
  return Math.max(0, last.end + gap - wallNow);
}

/** Starts the live path's timers (unref'd: they never keep the process alive). */
export function startLiveScheduler(deps: LiveSchedulerDeps): LiveScheduler {
  /** Wall-clock (performance.now) end and cost of the last flush; the city clock may run faster (SIM_SPEED). */
  let lastFlushEnd = -Infinity;
  let lastFlushCost = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const wallNow = deps.wallNow ?? (() => performance.now());

  function flush(): void {
    const t0 = wallNow();
    const now = deps.now();
    for (const a of deps.metrics.advance(now)) deps.hub.publishAlert(alertPayload(a, deps.alertSources));
    void deps.atRisk?.advance(now)?.then((alerts) => {
      for (const a of alerts) deps.hub.publishAlert(alertPayload(a, deps.alertSources));
    });
    deps.hub.flush();
    lastFlushEnd = wallNow();
    lastFlushCost = lastFlushEnd - t0;
  }
  function step(): void {
    flush();
    deps.requests?.sweepOverdue().catch((err: unknown) => deps.onSweepError?.(err));
    void deps.dataTrust?.sweep();
  }
  function flushPending(): void {
    pending = null;
    flush();
  }
  const flushTimer = setInterval(step, deps.deltaFlushMs);
  const tickTimer = setInterval(() => deps.hub.tick(), deps.clockTickMs);
  flushTimer.unref();
  tickTimer.unref();
  return {
    step,
    changed(): void {
      if (pending !== null) return;
      // A timer, not a microtask: the batch being applied (and others already queued) joins this flush.
      pending = setTimeout(flushPending, flushDelay({ end: lastFlushEnd, cost: lastFlushCost }, wallNow(), deps.deltaFlushMs));
      pending.unref();
    },
    stop(): void {
      clearInterval(flushTimer);
      clearInterval(tickTimer);
      if (pending !== null) clearTimeout(pending);
      pending = null;
    },
  };
}
