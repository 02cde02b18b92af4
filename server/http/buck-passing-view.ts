/** One buck-passing case as the API sends it (shared/contract/buck-passing.ts), from the rules' case or a stored row. */
import type { CaseOfficial } from '../domain/buck-passing.js';
import { caseId } from '../domain/buck-passing.js';
import { MS_PER_HOUR, toVnIso } from '../domain/time.js';
import type { BuckPassingCaseView, BuckPassingRule } from '../../shared/contract/buck-passing.js';

/** What a case view is made of: the case's facts, instants in epoch ms. */
export interface CaseFacts {
  dossierId: string;
  rule: BuckPassingRule;
  firstHold: number;
  lastHold: number;
  unit: string | null;
  firstAt: number;
  lastAt: number;
  lostMs: number;
  officials: readonly CaseOfficial[];
  procedureCode: string | null;
  procedureName: string | null;
}

export interface CaseViewOptions {
  /** Whether the asker may see officials' names (policy canSeeNames). */
  names: boolean;
  /** Whether the asker may open this dossier (policy canReadDossier): the evidence link, else null. */
  canOpen: (unit: string | null) => boolean;
  /** A unit's or department's name. */
  nameOf: (code: string) => string;
}

/** Working hours, one decimal: what a list shows. */
const hours = (ms: number) => Math.round((ms / MS_PER_HOUR) * 10) / 10;

export function caseView(c: CaseFacts, o: CaseViewOptions): BuckPassingCaseView {
  const id = caseId(c.dossierId, c.rule, c.firstHold);
  return {
    id,
    rule: c.rule,
    dossierId: c.dossierId,
    unit: c.unit ?? '',
    unitName: c.unit ? o.nameOf(c.unit) : '',
    procedureCode: c.procedureCode,
    procedureName: c.procedureName,
    holds: { first: c.firstHold, last: c.lastHold },
    firstHandoverAt: toVnIso(c.firstAt),
    lastHandoverAt: toVnIso(c.lastAt),
    lostWorkingHours: hours(c.lostMs),
    officials: c.officials.map((x) => ({
      id: o.names ? x.id : null,
      name: o.names ? x.name : null,
      unit: x.unit,
      unitName: o.nameOf(x.unit),
    })),
    evidence: o.canOpen(c.unit) ? `/dossiers/${encodeURIComponent(c.dossierId)}?case=${encodeURIComponent(id)}` : null,
  };
}

export { hours as workingHoursOf };
