import type { DossierContext } from '../domain/dossier.js';
import { classifyDossier } from '../domain/dossier.js';
import type { DossierState } from '../domain/types.js';
import type { DossierRowExtras } from '../db/projections-repo.js';
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
    if (state.endAt === null) return { open: true, outcome: null, processingDays: null, facts: null };
    const c = classifyDossier(state, state.endAt, ctx);
    const outcome = dossierOutcome(state, c);
    const facts = dossierFacts(state, ctx);
    return {
      open: false,
      outcome,
      processingDays: isDoneOutcome(outcome) ? c.processingDays : null,
      facts,
    };
  };
}
