import type { Store } from '../db/store.js';
import { buckPassingCases } from '../domain/buck-passing.js';
import type { DomainContext } from './row-extras.js';

/** Rows per transaction: short enough that a start with a large file shows progress. */
const BATCH_ROWS = 5_000;

/**
 * Finds the buck-passing cases of dossier rows written before they were kept (migration 009): their
 * case rows, and the case count of finished ones (a restart's metric fact). In batches that each
 * commit with their resume point, so an interrupted start carries on where it stopped. Answers the
 * number of dossiers looked at (0 when nothing was due).
 */
export function backfillBuckPassing(store: Store, ctx: DomainContext, onProgress?: (done: number) => void): number {
  let after = store.projections.buckPassingBackfillFrom();
  if (after === null) return 0;
  const { accountability } = ctx.settings;
  let done = 0;
  for (;;) {
    const batch = store.projections.dossiersAfter(after, BATCH_ROWS);
    store.transaction(() => {
      for (const s of batch) {
        const cases = buckPassingCases(s, accountability, ctx.calendar);
        if (cases.length === 0) continue;
        store.projections.replaceBuckPassingCases(s, true, cases);
        if (s.endAt !== null) store.projections.setFinishedBuckPassing(s.id, cases.length);
      }
      after = batch.length > 0 ? batch[batch.length - 1].id : after;
      store.projections.setBuckPassingBackfill(batch.length < BATCH_ROWS ? null : after);
    });
    done += batch.length;
    onProgress?.(done);
    if (batch.length < BATCH_ROWS) return done;
  }
}
