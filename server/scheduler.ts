/**
 * The live path's timers, in one place. Every DELTA_FLUSH_MS the metrics clock advances to now (items
 * whose due time passed turn overdue and raise alerts) and then the hub flushes, so a change the clock
 * made reaches clients in the same step, and so do explanation requests whose answer due date passed
 * (noted in the database once, so a restart loses none); every CLOCK_TICK_MS the hub sends the clock tick. The hub
 * itself runs no timer and never touches the metrics clock.
 */
import type { Alert } from './metrics/engine.js';
import type { AtRiskAlert } from './metrics/early-warning-index.js';
import { alertPayload, type AlertSources } from './realtime/alert-payload.js';
import type { Hub } from './realtime/hub.js';

export interface LiveSchedulerDeps {
  /** The metrics clock: moves the engine's present to `now` (epoch ms), returning the items that became overdue. */
  metrics: { advance(now: number): Alert[] };
  /** The early warning's clock: the dossiers that became at risk (and were never pushed), at the same `now`. */
  atRisk?: { advance(now: number): AtRiskAlert[] };
  now: () => number;
  /** What an alert reads to name the item (alert-payload.ts). */
  alertSources: AlertSources;
  hub: Pick<Hub, 'flush' | 'tick' | 'publishAlert'>;
  /** Explanation requests: notes (and pushes) those whose answer due date passed, on the same clock. */
  requests?: { sweepOverdue(): number };
  /** Data trust: judges each working day's unit figures once its office hours are over (daily jump). */
  dataTrust?: { sweep(): number };
  deltaFlushMs: number;
  clockTickMs: number;
}

export interface LiveScheduler {
  /** One flush step: advance the metrics clock, publish its alerts, flush the changed metrics. */
  step(): void;
  stop(): void;
}

/** Starts the live path's timers (unref'd: they never keep the process alive). */
export function startLiveScheduler(deps: LiveSchedulerDeps): LiveScheduler {
  function step(): void {
    const now = deps.now();
    for (const a of deps.metrics.advance(now)) deps.hub.publishAlert(alertPayload(a, deps.alertSources));
    for (const a of deps.atRisk?.advance(now) ?? []) deps.hub.publishAlert(alertPayload(a, deps.alertSources));
    deps.hub.flush();
    deps.requests?.sweepOverdue();
    deps.dataTrust?.sweep();
  }
  const flushTimer = setInterval(step, deps.deltaFlushMs);
  const tickTimer = setInterval(() => deps.hub.tick(), deps.clockTickMs);
  flushTimer.unref();
  tickTimer.unref();
  return {
    step,
    stop(): void {
      clearInterval(flushTimer);
      clearInterval(tickTimer);
    },
  };
}
