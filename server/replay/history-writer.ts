/**
 * Checkpoints by event time for the log's history (issue 16, replay_history): the events about times
 * before the log's first arrival (a history load, the demo's seed) all arrived together, so no
 * checkpoint by arrival stands before them and "as corrected" at such a T would refold everything up
 * to T. These checkpoints hold, every `everyMs` of event time H up to the arrival checkpoints' start,
 * the state of the late events about times ≤ H received by the late index's mark (state.seq): their
 * windows are read in time order, so each folds onto the states held. Written once, behind the log.
 */
import type { DossierContext } from '../domain/dossier.js';
import { compressCheckpoint, type ReplayEventRow, type ReplayRepo } from '../db/replay-repo.js';
import { deltaToCompact } from '../metrics/replay-delta.js';
import { checkpointToCompactSliced } from '../metrics/replay-sliced.js';
import { emptyCheckpoint, noneTouched } from '../metrics/replay-state.js';
import { foldItem } from './item-changes.js';

export interface HistoryWriterOptions {
  repo: ReplayRepo;
  ctx: DossierContext;
  transaction: (fn: () => void) => void;
  everyMs: number;
  wholeEveryMs: number;
  /** The first boundary at or after a time (the arrival checkpoints' grid). */
  boundaryAtOrAfter: (t: number) => number;
  yieldNow: () => Promise<void>;
  /** Items folded per slice before yielding. */
  slice: number;
}

/**
 * Writes the history's checkpoints up to `until` (the arrival checkpoints' start), from the late
 * events received by `lateSeq`, unless some are stored; answers how many it wrote.
 */
export async function writeHistory(opts: HistoryWriterOptions, until: number, lateSeq: number): Promise<number> {
  const { repo, ctx, everyMs, boundaryAtOrAfter } = opts;
  if (repo.historyLatest() !== null) return 0;
  const firstAt = repo.historyFirstAt(lateSeq);
  if (firstAt === null || firstAt > until) return 0;
  const state = emptyCheckpoint(boundaryAtOrAfter(firstAt) - everyMs);
  state.seq = lateSeq;
  let lastWhole: number | null = null;
  let written = 0;
  let folded = 0;
  for (let h = state.at + everyMs; h <= until; h += everyMs) {
    const window = repo.historyWindow(h - everyMs, h, lateSeq);
    if (window.length === 0) continue;
    const prevAt = h - everyMs;
    for (const rows of byItem(window).values()) {
      if (++folded % opts.slice === 0) await opts.yieldNow();
      foldItem(
        repo,
        ctx,
        state,
        rows,
        lateSeq,
        (e) => e.at <= prevAt,
        (e) => e.at <= h,
      );
    }
    state.at = h;
    const whole = lastWhole === null || h - lastWhole >= opts.wholeEveryMs;
    const stored = await compressCheckpoint(whole ? await checkpointToCompactSliced(state, opts.yieldNow) : deltaToCompact(state));
    opts.transaction(() => repo.historyInsert(h, lateSeq, stored, whole));
    if (whole) lastWhole = h;
    state.touched = noneTouched();
    written++;
  }
  return written;
}

function byItem(rows: readonly ReplayEventRow[]): Map<string, ReplayEventRow[]> {
  const out = new Map<string, ReplayEventRow[]>();
  for (const row of rows) {
    const key = `${row.kind}:${row.itemId}`;
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return out;
}
