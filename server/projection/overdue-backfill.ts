import type { Store } from '../db/store.js';
import type { DomainContext } from './row-extras.js';
import { storedOverdueSpans } from './row-extras.js';

/** Rows per transaction: short enough that a start with a large file shows progress. */
const BATCH_ROWS = 5_000;

/**
 * Fills the overdue spans of dossier rows written before they were kept (migration 008), in batches
 * that each commit with their resume point, so an interrupted start carries on where it stopped.
 * Answers the number of dossiers filled (0 when nothing was due).
 */
export function backfillOverdueSpans(store: Store, ctx: DomainContext, onProgress?: (done: number) => void): number {
  let after = store.projections.overdueBackfillFrom();
  if (after === null) return 0;
  let done = 0;
  for (;;) {
    const batch = store.projections.dossiersAfter(after, BATCH_ROWS);
    store.transaction(() => {
      for (const s of batch) store.projections.writeOverdueSpans(s, storedOverdueSpans(s, ctx));
      after = batch.length > 0 ? batch[batch.length - 1].id : after;
      store.projections.setOverdueBackfill(batch.length < BATCH_ROWS ? null : after);
    });
    done += batch.length;
    onProgress?.(done);
    if (batch.length < BATCH_ROWS) return done;
  }
}
