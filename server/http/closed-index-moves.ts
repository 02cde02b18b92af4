/**
 * Moves a kept closed window's counts (closed-index-counts.ts) by one accepted dossier change: the
 * share of its new state minus that of its old one (metrics/closed-window-share.ts), as the store
 * would sum them once the projection writer has written the row. The share is a function of the
 * state alone, so any change that adds events moves the counts exactly — live events after the window's
 * end, several of one dossier in one batch, events at the same instant, late and out-of-order ones (a
 * random stream of all of them is checked against the store in service-index-closed-moves-random.test).
 * A change that adds no event (a new dossier, a re-fold from nothing) is left to a re-read of its codes.
 */
import type { DossierContext } from '../domain/dossier.js';
import type { DossierState } from '../domain/types.js';
import type { StoredIndexCounts } from '../db/service-index-repo.js';
import { sameWindowShare, windowShare, type WindowShare } from '../metrics/closed-window-share.js';
import {
  FLOW_COUNTERS,
  F_EARLY,
  F_INDEX_BITS,
  F_LATE,
  F_ON_TIME,
  F_RECEIVED,
  F_RECEIVED_ONLINE,
  F_SATISFACTION_BAD,
  INDEX_COUNTED_BITS,
} from '../metrics/counters.js';
import type { ScopeKey } from '../metrics/types.js';
import type { KeptWindow } from './closed-index-counts.js';

export interface MoveDeps {
  domain?: DossierContext;
  scopeOf(code: string): ScopeKey | null;
}

const ENDED_COUNTER = { early: F_EARLY, on_time: F_ON_TIME, late: F_LATE } as const;

/** The change adds events to the state the kept counts hold: the counts follow it by the share's difference. */
const addsEvents = (prev: DossierState, next: DossierState): boolean => next.eventCount > prev.eventCount;

/**
 * Moves `w` by the change prev → next judged at `now`; false when it cannot (the caller marks the
 * codes stale as before). Codes already stale, or whose satisfaction moved with the clock since they
 * were read, are marked stale instead of moved: their re-read sees the change anyway.
 */
export function moveKeptCounts(w: KeptWindow, prev: DossierState, next: DossierState, now: number, deps: MoveDeps): boolean {
  if (deps.domain === undefined || !addsEvents(prev, next)) return false;
  const before = windowShare(prev, w.from, w.to, now, deps.domain);
  const after = windowShare(next, w.from, w.to, now, deps.domain);
  if (sameWindowShare(before, after)) {
    lowerChangesAfter(w, after);
    return true;
  }
  moveCode(w, before, -1, now);
  moveCode(w, after, 1, now);
  lowerChangesAfter(w, after);
  if (w.overdue !== null) {
    moveOverdue(w.overdue, before, -1, deps.scopeOf);
    moveOverdue(w.overdue, after, 1, deps.scopeOf);
  }
  w.counts = null;
  return true;
}

/** The new state's due date joins the instants after which its code is read again (clock-driven satisfaction). */
function lowerChangesAfter(w: KeptWindow, s: WindowShare): void {
  if (s.code === null || s.badAfter === null) return;
  const kept = w.byCode.get(s.code);
  if (kept !== undefined && (kept.changesAfter === null || s.badAfter < kept.changesAfter)) kept.changesAfter = s.badAfter;
}

function moveCode(w: KeptWindow, s: WindowShare, sign: 1 | -1, now: number): void {
  if (s.code === null || w.stale.has(s.code)) return;
  const kept = w.byCode.get(s.code);
  if (kept === undefined) return; // not a code of the jurisdiction: the store's counts leave it out too
  if (kept.changesAfter !== null && now > kept.changesAfter) {
    w.stale.add(s.code);
    return;
  }
  const c: StoredIndexCounts = kept.counts ?? { flow: new Int32Array(FLOW_COUNTERS), openAtEnd: 0 };
  const f = c.flow;
  if (s.received) {
    f[F_RECEIVED] += sign;
    if (s.online) f[F_RECEIVED_ONLINE] += sign;
    for (let k = 0; k < INDEX_COUNTED_BITS; k++) if ((s.bits >> k) & 1) f[F_INDEX_BITS + k] += sign;
    if (s.satisfactionBad) f[F_SATISFACTION_BAD] += sign;
  }
  if (s.ended !== null) f[ENDED_COUNTER[s.ended]] += sign;
  if (s.openAtEnd) c.openAtEnd += sign;
  // The store answers null for a code with nothing in the window: so does a code moved back to nothing.
  kept.counts = c.openAtEnd === 0 && f.every((x) => x === 0) ? null : c;
}

/** overdueByScope (past-overdue.ts): a code's overdue dossier counts for its scope and for the city. */
function moveOverdue(overdue: Map<ScopeKey, number>, s: WindowShare, sign: 1 | -1, scopeOf: (code: string) => ScopeKey | null): void {
  if (s.code === null || !s.overdueAtEnd) return;
  const scope = scopeOf(s.code);
  if (scope === null) return;
  overdue.set(scope, (overdue.get(scope) ?? 0) + sign);
  overdue.set('city', (overdue.get('city') ?? 0) + sign);
}
