/**
 * What one dossier adds to the service index counts of a closed window, computed from its state
 * exactly as db/service-index-repo.ts sums its stored row (and read-repo.ts overdueAt its overdue
 * spans) — so that a reader keeping a closed window's counts can move them by an accepted change
 * (this share of the new state minus that of the old) instead of reading the store again. Each
 * condition below names the SQL it mirrors; a change there must change it here (the closed-window
 * test compares both after every kind of change).
 */
import { classifyDossier, type DossierContext } from '../domain/dossier.js';
import { overdueSpans, spanAt } from '../domain/overdue-spans.js';
import { IXB_COMPLAINT, IXB_COMPLAINT_KNOWN, indexBits, UNKNOWN_INDEX_FIELDS } from '../domain/service-index-facts.js';
import type { DossierState } from '../domain/types.js';
import { dossierOutcome, type DossierOutcome } from './footprint.js';

/** A dossier's share of one code's counts of the window [from, to), judged at `now`. */
export interface WindowShare {
  /** The row's unit: the code it is counted under (null: none). */
  code: string | null;
  /** RECEIVED_IN_SQL: received in the window, not refused at intake. */
  received: boolean;
  online: boolean;
  /** The row's index_bits (counted only when `received`). */
  bits: number;
  /** SATISFACTION_BAD_SQL at `now` (only when `received`). */
  satisfactionBad: boolean;
  /** endedInSql: its outcome when it finished inside the window as early, on time or late; else null. */
  ended: 'early' | 'on_time' | 'late' | null;
  /** OPEN_NOW_AT_SQL or ENDED_AFTER_SQL at the window's last millisecond. */
  openAtEnd: boolean;
  /** overdue_span_rows holding the window's last millisecond (the store's overdue spans). */
  overdueAtEnd: boolean;
  /** The nextBad query: its due date when satisfaction turns bad with time alone after `now`; else null. */
  badAfter: number | null;
}

const hasBit = (bits: number, k: number): boolean => ((bits >> k) & 1) === 1;

/** The row's `outcome` column (projection/row-extras.ts): null while open. */
function rowOutcome(state: DossierState, ctx: DossierContext): DossierOutcome | null {
  return state.endAt === null ? null : dossierOutcome(state, classifyDossier(state, state.endAt, ctx));
}

export function windowShare(state: DossierState, from: number, to: number, now: number, ctx: DossierContext): WindowShare {
  const at = to - 1;
  const { receivedAt, endAt, dueAt } = state;
  const open = endAt === null;
  const intake = state.bucket !== 'not_received';
  const received = intake && receivedAt !== null && receivedAt >= from && receivedAt < to;
  const bits = indexBits(state.index ?? UNKNOWN_INDEX_FIELDS);
  let outcome: DossierOutcome | null | undefined;
  const outcomeOf = () => (outcome === undefined ? (outcome = rowOutcome(state, ctx)) : outcome);
  const complaintKnown = hasBit(bits, IXB_COMPLAINT_KNOWN);
  // A due date not yet passed of an open dossier whose clock runs: `due_at < @now` may turn true later.
  const clockRuns = open && state.bucket !== 'awaiting_supplement';
  const overdueNow = open && (state.supplementRequests > 1 || (clockRuns && dueAt !== null && dueAt < now));
  const satisfactionBad = received && complaintKnown && (hasBit(bits, IXB_COMPLAINT) || outcomeOf() === 'late' || overdueNow);
  const badAfter =
    received && complaintKnown && clockRuns && state.supplementRequests <= 1 && dueAt !== null && dueAt >= now ? dueAt : null;
  let ended: WindowShare['ended'] = null;
  if (endAt !== null && endAt >= from && endAt < to) {
    const o = outcomeOf();
    if (o === 'early' || o === 'on_time' || o === 'late') ended = o;
  }
  const receivedByEnd = receivedAt !== null && receivedAt <= at;
  const openAtEnd = receivedByEnd && (open || (endAt !== null && endAt > at && intake));
  return {
    code: state.unit,
    received,
    online: received && state.channel === 'online',
    bits: received ? bits : 0,
    satisfactionBad,
    ended,
    openAtEnd,
    overdueAtEnd: spanAt(overdueSpans(state), at) !== null,
    badAfter,
  };
}

/** Whether two shares count the same (badAfter aside: it only says when to look again). */
export function sameWindowShare(a: WindowShare, b: WindowShare): boolean {
  return (
    a.code === b.code &&
    a.received === b.received &&
    a.online === b.online &&
    a.bits === b.bits &&
    a.satisfactionBad === b.satisfactionBad &&
    a.ended === b.ended &&
    a.openAtEnd === b.openAtEnd &&
    a.overdueAtEnd === b.overdueAtEnd
  );
}
