/**
 * The national service index's counts (domain/service-index-facts.ts IndexCounts) from the engine's
 * counter layout: flow counters over a window and the open dossiers at its end. The live engine and
 * the SQL that judges closed periods (db/service-index-repo.ts) both fill this layout, so both go
 * through this one function.
 */
import { emptyIndexCounts, COUNT_OF_BIT, type IndexCounts } from '../domain/service-index-facts.js';
import {
  F_EARLY,
  F_INDEX_BITS,
  F_LATE,
  F_ON_TIME,
  F_RECEIVED,
  F_RECEIVED_ONLINE,
  F_SATISFACTION_BAD,
  INDEX_COUNTED_BITS,
} from './counters.js';

/** Open dossiers at the window's end (now, for a current window), and how many of them were overdue then. */
export interface OpenAtEnd {
  open: number;
  overdue: number;
}

/**
 * IndexCounts from flow counters (F_* layout) and the open dossiers at the window's end. Progress:
 * finished early or on time in the window, plus open at its end and not overdue then, over every
 * dossier finished (early, on time, late) in it plus every one open at its end.
 */
export function buildIndexCounts(flow: ArrayLike<number>, end: OpenAtEnd): IndexCounts {
  const c = emptyIndexCounts();
  const onTime = flow[F_EARLY] + flow[F_ON_TIME];
  c.progressOnTime = onTime + Math.max(0, end.open - end.overdue);
  c.progressTotal = onTime + flow[F_LATE] + end.open;
  c.received = flow[F_RECEIVED];
  c.receivedOnline = flow[F_RECEIVED_ONLINE];
  for (let k = 0; k < INDEX_COUNTED_BITS; k++) {
    const field = COUNT_OF_BIT[k];
    if (field !== null) c[field] += flow[F_INDEX_BITS + k];
  }
  c.satisfactionBad = flow[F_SATISFACTION_BAD];
  return c;
}
