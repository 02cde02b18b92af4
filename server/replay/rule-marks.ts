/**
 * The rule changes a replay marks on its time bar (issue 16): the working calendar's changes, read from
 * the audit log (`calendar.changed`: an admin's edit of one day, or a start that found a year file
 * edited by hand). A replay classifies by the rules in force now; a mark says where "then" differed.
 */
import type { ReplayMarkKind } from '../../shared/contract/replay.js';

/** What the mark needs of an audit row. */
export interface AuditLike {
  at: number;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  outcome?: string;
}

export interface RuleMark {
  at: number;
  kind: ReplayMarkKind;
  what: string[];
  appliesAfterRestart: boolean;
}

/** The calendar's changes among `rows`, oldest first; the admin's edits name their day, a start's its files. */
export function ruleMarks(rows: readonly AuditLike[]): RuleMark[] {
  const out: RuleMark[] = [];
  for (const r of rows) {
    if (r.action !== 'calendar.changed' || (r.outcome !== undefined && r.outcome !== 'ok')) continue;
    const files = r.details?.files;
    const byHand = Array.isArray(files);
    const what = byHand ? files.filter((f): f is string => typeof f === 'string') : r.target ? [r.target] : [];
    out.push({ at: r.at, kind: 'calendar', what, appliesAfterRestart: !byHand });
  }
  return out.sort((a, b) => a.at - b.at);
}
