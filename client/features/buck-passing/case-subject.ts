/** What a request sent from a buck-passing case row is about: the case, sent to its dossier's unit, with the dossier. */
import type { BuckPassingCaseView } from '../../../shared/contract/buck-passing';
import type { SubjectRef } from '../requests/requests-model';

/** Null for a case without a unit (a dossier not received yet): nowhere to send it. */
export function caseSubject(c: BuckPassingCaseView): SubjectRef | null {
  if (!c.unit) return null;
  return { type: 'case', id: c.id, unit: c.unit, dossierId: c.dossierId, title: c.procedureName };
}
