import type { ReadRepo } from '../db/read-repo.js';
import type { AsyncUnitDetailReads, UnitDetailReads } from '../db/item-store/contract.js';
import type { WorkCalendar } from '../domain/types.js';
import { dailyTrend, scorecardsOfTotals, toBreakdownRows } from '../metrics/breakdowns.js';
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

/** What the queries answered for one view. */
interface UnitDetailRows {
  finished: ReturnType<ReadRepo['finishedProcessing']>;
  breakdowns: ReturnType<ReadRepo['breakdowns']>;
  officials: { totals: ReturnType<ReadRepo['officialTotals']>; cases: ReturnType<ReadRepo['buckPassingByOfficial']> } | null;
  daily: ReturnType<ReadRepo['dailyFlows']>;
  spans: ReturnType<ReadRepo['overdueSpans']>;
}

/** The parameters of each query of a view. */
function queriesOf(a: UnitDetailArgs) {
  const { unit, window: w, now } = a;
  const units = a.province?.units;
  const trendFrom = now - TREND_DAYS_MS;
  return {
    q: { unit, units, from: w.from, to: w.to, now },
    totals: { unit, units, from: w.from, to: w.to, now },
    daily: { unit, units, from: trendFrom, to: now + 1 },
    spans: { unit, units, from: trendFrom, now },
    /** The officials whose cases are counted: those who held the view's dossiers (null: every official, the city). */
    caseIds: (totals: ReturnType<ReadRepo['officialTotals']>) => (unit === null && !a.province ? null : totals.map((t) => t.id)),
  };
}

/**
 * Breakdowns by field, procedure and official, the 30-day trend and the processing-time histogram of
 * one unit (or the city), from the read-side queries. Synchronous and CPU-bound on a large store: the
 * server runs it on a worker thread (detail-service.ts).
 */
export function computeUnitDetail(read: UnitDetailReads, calendar: WorkCalendar, a: UnitDetailArgs): UnitDetailTables {
  const p = queriesOf(a);
  const totals = a.withOfficials ? read.officialTotals(p.totals) : null;
  return assemble(calendar, a, {
    finished: read.finishedProcessing(p.q),
    breakdowns: read.breakdowns(p.q),
    officials: totals && { totals, cases: read.buckPassingByOfficial({ from: a.window.from, to: a.window.to, ids: p.caseIds(totals) }) },
    daily: read.dailyFlows(p.daily),
    spans: read.overdueSpans(p.spans),
  });
}

/** computeUnitDetail over queries that answer promises (PostgreSQL's pool): the queries run side by side. */
export async function computeUnitDetailAsync(
  read: AsyncUnitDetailReads,
  calendar: WorkCalendar,
  a: UnitDetailArgs,
): Promise<UnitDetailTables> {
  const p = queriesOf(a);
  const officials = async () => {
    if (!a.withOfficials) return null;
    const totals = await read.officialTotals(p.totals);
    return { totals, cases: await read.buckPassingByOfficial({ from: a.window.from, to: a.window.to, ids: p.caseIds(totals) }) };
  };
  const [finished, breakdowns, offs, daily, spans] = await Promise.all([
    read.finishedProcessing(p.q),
    read.breakdowns(p.q),
    officials(),
    read.dailyFlows(p.daily),
    read.overdueSpans(p.spans),
  ]);
  return assemble(calendar, a, { finished, breakdowns, officials: offs, daily, spans });
}

function assemble(calendar: WorkCalendar, a: UnitDetailArgs, r: UnitDetailRows): UnitDetailTables {
  const byFieldDays = new Map<string, number[]>();
  const byProcDays = new Map<string, number[]>();
  for (const p of r.finished) {
    push(byFieldDays, p.field, p.days);
    push(byProcDays, p.procedure, p.days);
  }
  return {
    byField: toBreakdownRows(r.breakdowns.byField, byFieldDays),
    byProcedure: toBreakdownRows(r.breakdowns.byProcedure, byProcDays),
    // The scorecards of the officials who held the unit's (or the city's) dossiers, with the cases they were in.
    byOfficial: r.officials ? scorecardsOfTotals(r.officials.totals, calendar, r.officials.cases) : [],
    trend: dailyTrend(r.daily, r.spans, a.now),
    processingHistogram: processingHistogram(r.finished),
  };
}

/**
 * The processing-time histogram (whole working days) of the finished dossiers `finishedProcessing`
 * read: the same rows the store's `processingHistogram` counts (same conditions), so the city's page
 * scans its dossiers once for both (issue 15: each city-wide scan reads every dossier row). Bins as the
 * stores make them: floor (PostgreSQL), CAST AS INTEGER (SQLite; the same for days ≥ 0).
 */
export function processingHistogram(finished: readonly { days: number }[]): UnitDetailTables['processingHistogram'] {
  const counts = new Map<number, number>();
  for (const f of finished) {
    const bin = Math.floor(f.days);
    counts.set(bin, (counts.get(bin) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => a[0] - b[0]).map(([bin, count]) => ({ fromDays: bin, toDays: bin + 1, count }));
}

function push(m: Map<string, number[]>, k: string, v: number) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
