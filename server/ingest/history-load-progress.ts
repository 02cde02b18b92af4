/**
 * What the dashboard shows of a history load (shared/contract/history-load.ts): from its first batch
 * until the projection writer has folded every event logged up to its last one. history-load.ts owns
 * the load's life (the writer's mode, data trust's mark); this only follows it for the screens, and
 * publishes a change when the load starts, when its batches stop, and when its events are all projected.
 */
import type { HistoryLoadState } from '../../shared/contract/history-load.js';
import { toVnIso } from '../domain/time.js';

export interface HistoryLoadProgressDeps {
  /** The log's last seq. */
  loggedSeq(): number;
  /** The last seq the projection writer committed. */
  projectedSeq(): number;
  /** Every socket is told (`history-load:changed`); null: the load is over and projected. */
  publish(state: HistoryLoadState | null): void;
}

interface Run {
  sources: string[];
  since: number;
  events: number;
  /** The log's last seq when the load started: the progress counts what was logged after it. */
  fromSeq: number;
  /** The log's last seq when its batches stopped; null while they arrive. */
  untilSeq: number | null;
}

export function createHistoryLoadProgress(deps: HistoryLoadProgressDeps) {
  let run: Run | null = null;

  function state(): HistoryLoadState | null {
    if (run === null) return null;
    const until = run.untilSeq ?? Math.max(deps.loggedSeq(), run.fromSeq);
    const projected = Math.min(Math.max(deps.projectedSeq(), run.fromSeq), until);
    const total = until - run.fromSeq;
    return {
      phase: run.untilSeq === null ? 'loading' : 'catching_up',
      sources: run.sources.slice(),
      since: toVnIso(run.since),
      eventsReceived: run.events,
      eventsToProject: until - projected,
      projectedPercent: total > 0 ? Math.floor((100 * (projected - run.fromSeq)) / total) : 100,
    };
  }

  function finish(): void {
    run = null;
    deps.publish(null);
  }

  return {
    /** A history batch from `source` with `events` events is about to be ingested (at `now`, epoch ms). */
    batch(source: string, events: number, now: number): void {
      let changed = false;
      if (run === null) {
        run = { sources: [], since: now, events: 0, fromSeq: deps.loggedSeq(), untilSeq: null };
        changed = true;
      } else if (run.untilSeq !== null) {
        // The importer resumed while the last batches were being projected: one load, loading again.
        run.untilSeq = null;
        changed = true;
      }
      if (!run.sources.includes(source)) {
        run.sources.push(source);
        changed = true;
      }
      run.events += events;
      if (changed) deps.publish(state());
    },
    /** The load's batches stopped (history-load.ts ended it): catching up until its events are projected. */
    ended(): void {
      if (run === null || run.untilSeq !== null) return;
      run.untilSeq = deps.loggedSeq();
      if (deps.projectedSeq() >= run.untilSeq) finish();
      else deps.publish(state());
    },
    /** The projection writer committed up to `seq`. */
    projected(seq: number): void {
      if (run !== null && run.untilSeq !== null && seq >= run.untilSeq) finish();
    },
    state,
  };
}

export type HistoryLoadProgress = ReturnType<typeof createHistoryLoadProgress>;
