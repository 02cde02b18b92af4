import type { OfficialsRepo } from '../db/officials-repo.js';
import type { WorkCalendar } from '../domain/types.js';
import type { OfficialsStore } from '../db/officials-store/contract.js';
import { aggregateOfficials, officialsAggregation, toOfficialCards, type OfficialCard } from '../metrics/official-scorecards.js';
import type { PeriodWindow } from '../metrics/types.js';

export interface OfficialsSnapshotArgs {
  window: PeriodWindow;
  now: number;
}

/** Every official's scorecards over one window, city-wide (lists are cut from it per request). */
export interface OfficialsSnapshot {
  cards: OfficialCard[];
}

/**
 * Every official's scorecards over a window, from one pass over the steps the window touches. A city
 * month at full scale is hundreds of thousands of steps: the server runs this on a worker thread and
 * shares the answer (detail-service.ts).
 */
export function computeOfficialsSnapshot(repo: OfficialsRepo, calendar: WorkCalendar, a: OfficialsSnapshotArgs): OfficialsSnapshot {
  const { window: w, now } = a;
  const attributed = repo.windowAttributed({ from: w.from, to: w.to });
  const officials = aggregateOfficials(repo.windowSteps({ from: w.from, to: w.to, now }), attributed, w, now, calendar);
  return { cards: toOfficialCards(officials) };
}

/** What the scorecards read on another engine (officials-store/contract.ts). */
export type OfficialsSnapshotReads = Pick<OfficialsStore, 'windowSteps' | 'windowAttributed'>;

/**
 * computeOfficialsSnapshot over another engine's pages (PostgreSQL: the database scans, this thread
 * folds each page; the event loop runs between pages). The same cards as from the file.
 */
export async function computeOfficialsSnapshotAsync(
  reads: OfficialsSnapshotReads,
  calendar: WorkCalendar,
  a: OfficialsSnapshotArgs,
): Promise<OfficialsSnapshot> {
  const { window: w, now } = a;
  const attributed = await reads.windowAttributed({ from: w.from, to: w.to });
  const agg = officialsAggregation(w, now, calendar);
  for await (const steps of reads.windowSteps({ from: w.from, to: w.to, now })) agg.addSteps(steps);
  agg.addAttributed(attributed);
  return { cards: toOfficialCards(agg.officials) };
}
