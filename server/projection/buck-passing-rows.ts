/**
 * When a saved dossier's buck-passing case rows must be rewritten: only when what the rules read
 * changed (the hand-overs: who, from when, with which step end; the supplement requests) or what the
 * rows carry besides (unit, receipt). Most events (a supplement returned, the end, a rating) touch
 * none of it and cost a few comparisons; a hand-over costs the rules once (the previous history's
 * count is memoised), about a microsecond, and a write only when the cases differ.
 */
import { buckPassingCaseCount, buckPassingCases, type BuckPassingCase } from '../domain/buck-passing.js';
import type { DossierContext } from '../domain/dossier.js';
import type { DossierState, Hold } from '../domain/types.js';

/** What to write for one saved dossier: `had` → delete its rows first; `cases` → insert these. */
export interface CaseRowsChange {
  had: boolean;
  cases: BuckPassingCase[];
}

/** The case rows' change from `prev` (as its rows were written; null: a new dossier) to `next`; null when none. */
export function buckPassingRowsChange(prev: DossierState | null, next: DossierState, ctx: DossierContext): CaseRowsChange | null {
  if (prev !== null && !inputsChanged(prev, next)) return null;
  const { accountability } = ctx.settings;
  const had = prev !== null && buckPassingCaseCount(prev, accountability) > 0;
  const has = buckPassingCaseCount(next, accountability) > 0;
  if (!had && !has) return null;
  const before = had ? buckPassingCases(prev, accountability, ctx.calendar) : [];
  const after = has ? buckPassingCases(next, accountability, ctx.calendar) : [];
  if (prev !== null && prev.unit === next.unit && prev.receivedAt === next.receivedAt && sameCases(before, after)) return null;
  return { had: before.length > 0, cases: after };
}

function inputsChanged(prev: DossierState, next: DossierState): boolean {
  if (prev.unit !== next.unit || prev.receivedAt !== next.receivedAt) return true;
  if (prev.holds.length !== next.holds.length || prev.pauses.length !== next.pauses.length) return true;
  for (let i = 0; i < next.holds.length; i++) if (!sameHandover(prev.holds[i], next.holds[i])) return true;
  for (let i = 0; i < next.pauses.length; i++) if (prev.pauses[i].from !== next.pauses[i].from) return true;
  return false;
}

/** A hold as the rules and the rows read it: its end (`to`) is neither. */
function sameHandover(a: Hold, b: Hold): boolean {
  return (
    a === b ||
    (a.handlerId === b.handlerId &&
      a.handlerName === b.handlerName &&
      a.handlerUnit === b.handlerUnit &&
      a.from === b.from &&
      a.stepDueAt === b.stepDueAt)
  );
}

function sameCases(a: readonly BuckPassingCase[], b: readonly BuckPassingCase[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.rule !== y.rule || x.firstHold !== y.firstHold || x.lastHold !== y.lastHold || x.lostWorkingMs !== y.lostWorkingMs) return false;
    if (x.ongoing !== y.ongoing) return false;
    if (x.firstHandoverAt !== y.firstHandoverAt || x.lastHandoverAt !== y.lastHandoverAt) return false;
    if (JSON.stringify(x.officials) !== JSON.stringify(y.officials)) return false;
  }
  return true;
}
