/**
 * The national service index of a closed period from the store: per unit/department code, the flow
 * counters the live engine keeps (metrics/counters.ts layout) and the dossiers open at the period's
 * end, summed in SQL over each dossier row's facts — `index_bits` (written from domain/service-index-
 * facts.ts indexBits), `outcome`, `channel` and the dates — so that metrics/index-counts.ts turns
 * both into the index the same way. The overdue ones among the open, at the end, come from the
 * overdue spans (read-repo.ts overdueAt), as for every past figure.
 */
import type { Db } from './connection.js';
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
import { IXB_COMPLAINT, IXB_COMPLAINT_KNOWN } from '../domain/service-index-facts.js';

/** One code's counters over a closed window. */
export interface StoredIndexCounts {
  /** Flow counters (F_* layout) of the window; only those the index reads are filled. */
  flow: Int32Array;
  /** Dossiers open at the window's end. */
  openAtEnd: number;
}

const bitSums = Array.from({ length: INDEX_COUNTED_BITS }, (_, k) => `SUM((index_bits >> ${k}) & 1)`).join(', ');
/**
 * Satisfaction's bad side (isSatisfactionBad) as the dossier stands now: complaint known, and a
 * complaint, or finished late, or open and overdue now (classifyDossier: more than one supplement
 * request, or past due while the clock runs).
 */
const satisfactionBad = `SUM(((index_bits >> ${IXB_COMPLAINT_KNOWN}) & 1) AND (((index_bits >> ${IXB_COMPLAINT}) & 1)
  OR outcome = 'late' OR (open = 1 AND (supplement_requests > 1 OR (bucket != 'awaiting_supplement' AND due_at < @now)))))`;

// Long by design: one closure over the prepared statements and the method that runs them.
export function createServiceIndexRepo(db: Db) {
  // Prepared on first use: a store over a file older than migration 015 (upgrade tests) works until it asks.
  const statements = () => (st ??= prepare(db));
  let st: ReturnType<typeof prepare> | null = null;

  return {
    /**
     * Per code, the index counters of the closed window [from, to) (epoch ms), with satisfaction
     * judged at `now`, and the dossiers open at its last millisecond.
     */
    indexCountsBetween(from: number, to: number, now: number): Map<string, StoredIndexCounts> {
      const { receivedIn, endedIn, openNow, endedAfter } = statements();
      const out = new Map<string, StoredIndexCounts>();
      const of = (code: string) => {
        let c = out.get(code);
        if (c === undefined) {
          c = { flow: new Int32Array(FLOW_COUNTERS), openAtEnd: 0 };
          out.set(code, c);
        }
        return c;
      };
      for (const r of receivedIn.all({ from, to, now }) as (string | number)[][]) {
        const f = of(r[0] as string).flow;
        f[F_RECEIVED] = r[1] as number;
        f[F_RECEIVED_ONLINE] = r[2] as number;
        for (let k = 0; k < INDEX_COUNTED_BITS; k++) f[F_INDEX_BITS + k] = r[3 + k] as number;
        f[F_SATISFACTION_BAD] = r[3 + INDEX_COUNTED_BITS] as number;
      }
      for (const r of endedIn.all({ from, to }) as [string, number, number, number][]) {
        const f = of(r[0]).flow;
        f[F_EARLY] = r[1];
        f[F_ON_TIME] = r[2];
        f[F_LATE] = r[3];
      }
      const at = to - 1;
      for (const r of openNow.all({ at }) as [string, number][]) of(r[0]).openAtEnd += r[1];
      for (const r of endedAfter.all({ at }) as [string, number][]) of(r[0]).openAtEnd += r[1];
      return out;
    },
  };
}

function prepare(db: Db) {
  // Counted dossiers (metrics/footprint.ts isCountedDossier): received, with a unit, not refused.
  const receivedIn = db
    .prepare(
      `SELECT unit, COUNT(*), SUM(channel = 'online'), ${bitSums}, ${satisfactionBad} FROM dossiers
       WHERE received_at >= @from AND received_at < @to AND unit IS NOT NULL AND bucket != 'not_received' GROUP BY unit`,
    )
    .raw();
  const endedIn = db
    .prepare(
      `SELECT unit, SUM(outcome = 'early'), SUM(outcome = 'on_time'), SUM(outcome = 'late') FROM dossiers
       WHERE end_at >= @from AND end_at < @to AND outcome IN ('early', 'on_time', 'late') AND unit IS NOT NULL GROUP BY unit`,
    )
    .raw();
  // Open at instant @at: received by then and not ended by then (open now, or ended after it).
  const openNow = db
    .prepare(`SELECT unit, COUNT(*) FROM dossiers WHERE open = 1 AND received_at <= @at AND unit IS NOT NULL GROUP BY unit`)
    .raw();
  const endedAfter = db
    .prepare(
      `SELECT unit, COUNT(*) FROM dossiers WHERE end_at > @at AND received_at <= @at AND bucket != 'not_received' AND unit IS NOT NULL
       GROUP BY unit`,
    )
    .raw();

  return { receivedIn, endedIn, openNow, endedAfter };
}

export type ServiceIndexRepo = ReturnType<typeof createServiceIndexRepo>;
