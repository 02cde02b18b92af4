/** One buck-passing case as the API sends it (shared/contract/buck-passing.ts), from the rules' case or a stored row. */
import type { CaseOfficial } from '../domain/buck-passing.js';
import { buckPassingCases, caseId } from '../domain/buck-passing.js';
import type { DomainSettings, DossierState, WorkCalendar } from '../domain/types.js';
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
  ongoing: boolean;
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

/** Working hours, two decimals (a return within minutes is not 0 hours). */
const hours = (ms: number) => Math.round((ms / MS_PER_HOUR) * 100) / 100;

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
    ongoing: c.ongoing,
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

/** A dossier's cases for its own page: whoever may open a dossier may see the names of those who held it. */
export function dossierCaseViews(
  state: DossierState,
  settings: DomainSettings,
  calendar: WorkCalendar,
  nameOf: (code: string) => string,
): BuckPassingCaseView[] {
  return buckPassingCases(state, settings.accountability, calendar).map((c) =>
    caseView(
      {
        ...c,
        firstAt: c.firstHandoverAt,
        lastAt: c.lastHandoverAt,
        lostMs: c.lostWorkingMs,
        procedureCode: state.procedure?.code ?? null,
        procedureName: state.procedure?.name ?? null,
      },
      { names: true, canOpen: () => true, nameOf },
    ),
  );
}
