import type { DossierContext } from '../domain/dossier.js';
import { classifyDossier } from '../domain/dossier.js';
import type { DossierState } from '../domain/types.js';
import type { DossierRowExtras, StoredOverdueSpan } from '../db/projections-repo.js';
import { overdueSpans, overdueWorkDay } from '../domain/overdue-spans.js';
import { dossierFacts, dossierOutcome, isDoneOutcome } from '../metrics/footprint.js';

export type DomainContext = DossierContext;
export type DossierRowExtrasFn = (state: DossierState) => DossierRowExtras;

/**
 * The indexed columns of a dossier row: open or not, its outcome once finished, its processing time,
 * and the now-independent metric facts a restart loads instead of re-folding the dossier. They depend
 * on the state only (a finished dossier's classification does not change with the clock).
 */
export function dossierRowExtras(ctx: DomainContext): DossierRowExtrasFn {
  return (state) => {
    let spans: StoredOverdueSpan[] | undefined;
    const finished = state.endAt === null ? null : finishedColumns(state, ctx);
    return {
      open: finished === null,
      outcome: finished?.outcome ?? null,
      processingDays: finished?.processingDays ?? null,
      facts: finished?.facts ?? null,
      // Computed when read: the store reads them only when they may have moved (most events move none).
      get overdueSpans() {
        return (spans ??= storedOverdueSpans(state, ctx));
      },
    };
  };
}

function finishedColumns(state: DossierState, ctx: DomainContext) {
  const c = classifyDossier(state, state.endAt as number, ctx);
  const outcome = dossierOutcome(state, c);
  return { outcome, processingDays: isDoneOutcome(outcome) ? c.processingDays : null, facts: dossierFacts(state, ctx) };
}

/** The dossier's overdue spans with the working day each one's lateness began, as the store keeps them. */
export function storedOverdueSpans(state: DossierState, ctx: DomainContext): StoredOverdueSpan[] {
  return overdueSpans(state).map((s) => ({ from: s.from, to: s.to, workDay: overdueWorkDay(s, ctx.calendar) }));
}
