/**
 * History-load mode (README "Bulk backfill"): batches that `npm run import` sends with
 * `X-Ingest-Mode: history`, from a source allowed to (sources.history_load, migration 026). The first
 * such batch starts a load, which ends HISTORY_IDLE_MS after the last one (the importer finished,
 * paused or died). While it runs:
 * - the projection writer takes full passes of the backlog (projection/writer.ts setHistoryLoad);
 * - data trust treats every event arriving as a history load (meta `data_trust.history_until` is
 *   `pending`; at the end, the instant it ended): history reaches us late by nature, so `backdated`
 *   and `synced_after_finish` leave it alone, as for the demo's seeded weeks;
 * - the early warning is not fed per batch: the load's dossiers are applied once, in their latest
 *   state, when it ends (`onEnd`), and at-risk pushes follow from there.
 * - its dossier events are logged without a fold on the main thread (service.ts appendHistory): the writer
 *   folds them, and the metrics engine takes each dossier from its row after each pass (metrics/history-rows.ts;
 *   a task's, or a unit-limited source's, every few seconds: metrics/history-applies.ts); the replay
 *   checkpoints wait for its end (runtime.ts).
 * Everything else is the live path's: the log, the quarantine.
 */
import { HISTORY_UNTIL_KEY } from '../projection/data-trust-rows.js';

/** A load ends this long after its last batch (the importer sends one every few ms while it runs). */
export const HISTORY_IDLE_MS = 3_000;

export interface HistoryLoadDeps {
  meta: { get(key: string): string | null; set(key: string, value: string): void };
  writer: { setHistoryLoad(on: boolean): void };
  /** The city clock: the mark is an arrival instant, as the log's received_at. */
  now: () => number;
  /** Runs once the load ended and the writer was told (the deferred early warning). */
  onEnd(): void;
  idleMs?: number;
}

/** Where a history load stands (GET /health `historyLoad`, the dashboard's "đang nạp lịch sử"). */
export interface HistoryLoadStatus {
  active: boolean;
  /** When the running load started (epoch ms); null when none runs. */
  since: number | null;
  /** Batches received in the running load. */
  batches: number;
}

export function createHistoryLoad(deps: HistoryLoadDeps) {
  const idleMs = deps.idleMs ?? HISTORY_IDLE_MS;
  let since: number | null = null;
  let batches = 0;
  let idle: ReturnType<typeof setTimeout> | null = null;

  function end(): void {
    if (idle) clearTimeout(idle);
    idle = null;
    if (since === null) return;
    since = null;
    batches = 0;
    // The mark first: what the writer projects from here on judges every event of the load as history.
    deps.meta.set(HISTORY_UNTIL_KEY, String(deps.now()));
    deps.writer.setHistoryLoad(false);
    deps.onEnd();
  }

  return {
    /** A history batch is about to be ingested: starts the load if none runs, and keeps it running. */
    batch(): void {
      if (since === null) {
        since = deps.now();
        deps.meta.set(HISTORY_UNTIL_KEY, 'pending');
        deps.writer.setHistoryLoad(true);
      }
      batches++;
      if (idle) clearTimeout(idle);
      idle = setTimeout(end, idleMs);
      idle.unref();
    },
    /** Ends the running load now (a shutdown; tests). */
    end,
    get active(): boolean {
      return since !== null;
    },
    status(): HistoryLoadStatus {
      return { active: since !== null, since, batches };
    },
  };
}

export type HistoryLoad = ReturnType<typeof createHistoryLoad>;

/**
 * At start: a load that was running when the server stopped ended with its last logged event (its
 * importer resumes with a new one). Before the projection writer starts, whose recovery reads the mark.
 */
export function closeInterruptedHistoryLoad(meta: HistoryLoadDeps['meta'], lastArrival: () => number | null): void {
  if (meta.get(HISTORY_UNTIL_KEY) !== 'pending') return;
  meta.set(HISTORY_UNTIL_KEY, String(lastArrival() ?? 0));
}
