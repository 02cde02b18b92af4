import type { ReadRepo } from '../db/read-repo.js';
import type { WorkCalendar } from '../domain/types.js';
import { dailyTrend, officialScorecards, toBreakdownRows } from '../metrics/breakdowns.js';
import type { PeriodWindow } from '../metrics/types.js';
import type { UnitDetailResponse } from '../../shared/contract/api.js';

/** What a unit page needs from the store: everything of UnitDetailResponse the engine does not keep. */
export type UnitDetailTables = Pick<UnitDetailResponse, 'byField' | 'byProcedure' | 'byOfficial' | 'trend' | 'processingHistogram'>;

export interface UnitDetailArgs {
  /** A unit or department code; null for the whole city, or for the units of `province`. */
  unit: string | null;
  /** A province of a national pack (with `unit` null): its code and its communes' codes. */
  province?: { code: string; units: readonly string[] };
  window: PeriodWindow;
  now: number;
  withOfficials: boolean;
}

const TREND_DAYS_MS = 31 * 86_400_000;

/**
 * Breakdowns by field, procedure and official, the 30-day trend and the processing-time histogram of
 * one unit (or the city), from the read-side queries. Synchronous and CPU-bound on a large store: the
 * server runs it on a worker thread (detail-service.ts).
 */
export function computeUnitDetail(read: ReadRepo, calendar: WorkCalendar, a: UnitDetailArgs): UnitDetailTables {
  const { unit, window: w, now } = a;
  const units = a.province?.units;
  const q = { unit, units, from: w.from, to: w.to, now };
  const byFieldDays = new Map<string, number[]>();
  const byProcDays = new Map<string, number[]>();
  for (const p of read.finishedProcessing(q)) {
    push(byFieldDays, p.field, p.days);
    push(byProcDays, p.procedure, p.days);
  }
  const trendFrom = now - TREND_DAYS_MS;
  return {
    byField: toBreakdownRows(read.byField(q), byFieldDays),
    byProcedure: toBreakdownRows(read.byProcedure(q), byProcDays),
    byOfficial: a.withOfficials ? officials(read, calendar, a) : [],
    trend: dailyTrend(
      read.dailyFlows({ unit, units, from: trendFrom, to: now + 1 }),
      read.overdueSpans({ unit, units, from: trendFrom, now }),
      now,
    ),
    processingHistogram: read.processingHistogram(q).map((b) => ({ fromDays: b.bin, toDays: b.bin + 1, count: b.n })),
  };
}

/** The scorecards of the officials who held the unit's (or the city's) dossiers, with the cases they were in. */
function officials(read: ReadRepo, calendar: WorkCalendar, { unit, province, window: w, now }: UnitDetailArgs) {
  const holds = read.holds({ unit, units: province?.units, from: w.from, now });
  const ids = unit === null && !province ? null : [...new Set(holds.map((h) => h.handlerId))];
  return officialScorecards(holds, w, calendar, read.buckPassingByOfficial({ from: w.from, to: w.to, ids }));
}

function push(m: Map<string, number[]>, k: string, v: number) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
