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

// Per-dossier conditions the counts sum, exported so that the drill to the dossiers behind a count
// (service-index-drill.ts) selects with the very same conditions.

/** Counted dossiers (metrics/footprint.ts isCountedDossier) received in [@from, @to): with a unit, not refused. */
export const RECEIVED_IN_SQL = `(received_at >= @from AND received_at < @to AND bucket != 'not_received')`;
/** Bit k of the dossier's index_bits (domain/service-index-facts.ts indexBits). */
export const indexBitSql = (k: number): string => `((index_bits >> ${k}) & 1)`;
/**
 * Satisfaction's bad side (isSatisfactionBad) as the dossier stands now: complaint known, and a
 * complaint, or finished late, or open and overdue now (classifyDossier: more than one supplement
 * request, or past due while the clock runs).
 */
export const SATISFACTION_BAD_SQL = `(${indexBitSql(IXB_COMPLAINT_KNOWN)} AND (${indexBitSql(IXB_COMPLAINT)}
  OR outcome = 'late' OR (open = 1 AND (supplement_requests > 1 OR (bucket != 'awaiting_supplement' AND due_at < @now)))))`;
/** Finished in [@from, @to) with the outcome `outcome`. */
export const endedInSql = (outcome: string): string => `(end_at >= @from AND end_at < @to AND outcome = '${outcome}')`;
/** Open at instant @at, kept open now: received by then and not ended (the openAt query below uses it). */
export const OPEN_NOW_AT_SQL = `(open = 1 AND received_at <= @at)`;
/** Open at instant @at, ended since: received by then, ended after it (the endedAfter query below uses it). */
export const ENDED_AFTER_SQL = `(end_at > @at AND received_at <= @at AND bucket != 'not_received')`;

const bitSums = Array.from({ length: INDEX_COUNTED_BITS }, (_, k) => `TOTAL(${indexBitSql(k)})`).join(', ');
const satisfactionBad = `TOTAL(${SATISFACTION_BAD_SQL})`;

// Long by design: one closure over the prepared statements and the method that runs them.
export function createServiceIndexRepo(db: Db) {
  // Prepared on first use: a store over a file older than migration 015 (upgrade tests) works until it asks.
  const statements = () => (st ??= prepare(db));
  let st: ReturnType<typeof prepare> | null = null;

  return {
    /**
     * Per code (of `codes`: the units and departments asked about), the index counters of the closed
     * window [from, to) (epoch ms), with satisfaction judged at `now`, and the dossiers open at its last
     * millisecond.
     */
    indexCountsBetween(from: number, to: number, now: number, codes: readonly string[]): Map<string, StoredIndexCounts> {
      const out = new Map<string, StoredIndexCounts>();
      for (const unit of codes) {
        const c = unitCounts(unit, from, to, now);
        if (c !== null) out.set(unit, c);
      }
      return out;
    },

    /**
     * One code's counts of the closed window (see indexCountsBetween; null when it had nothing in it),
     * with the instant after which they change with time alone (`changesAfter`: the earliest due date
     * among its open dossiers received in the window that satisfaction does not yet count as bad;
     * null when none). Every query is a range of one of the code's indexes.
     */
    unitCountsBetween(unit: string, from: number, to: number, now: number): (StoredIndexCounts & { changesAfter: number | null }) | null {
      const c = unitCounts(unit, from, to, now);
      return c === null ? null : { ...c, changesAfter: statements().nextBad.get({ unit, from, to, now }) as number | null };
    },
  };

  function unitCounts(unit: string, from: number, to: number, now: number): StoredIndexCounts | null {
    const { receivedIn, endedIn, openAt, endedAfter } = statements();
    let c: StoredIndexCounts | null = null;
    const of = () => (c ??= { flow: new Int32Array(FLOW_COUNTERS), openAtEnd: 0 });
    const r = receivedIn.get({ unit, from, to, now }) as number[];
    if (r[0] > 0) {
      const f = of().flow;
      f[F_RECEIVED] = r[0];
      f[F_RECEIVED_ONLINE] = r[1];
      for (let k = 0; k < INDEX_COUNTED_BITS; k++) f[F_INDEX_BITS + k] = r[2 + k];
      f[F_SATISFACTION_BAD] = r[2 + INDEX_COUNTED_BITS];
    }
    const e = endedIn.get({ unit, from, to }) as number[];
    if (e[0] + e[1] + e[2] > 0) {
      const f = of().flow;
      f[F_EARLY] = e[0];
      f[F_ON_TIME] = e[1];
      f[F_LATE] = e[2];
    }
    // Open at the window's last millisecond: received by then and not ended by then (open now, or ended after it).
    const at = to - 1;
    const open = (openAt.get({ unit, at }) as number) + (endedAfter.get({ unit, at }) as number);
    if (open > 0) of().openAtEnd = open;
    return c;
  }
}

function prepare(db: Db) {
  // Counted dossiers (metrics/footprint.ts isCountedDossier): received, with a unit, not refused.
  const receivedIn = db
    .prepare(
      `SELECT COUNT(*), TOTAL(channel = 'online'), ${bitSums}, ${satisfactionBad} FROM dossiers
       WHERE unit = @unit AND ${RECEIVED_IN_SQL}`,
    )
    .raw();
  const endedIn = db
    .prepare(
      `SELECT TOTAL(${endedInSql('early')}), TOTAL(${endedInSql('on_time')}), TOTAL(${endedInSql('late')}) FROM dossiers
       WHERE unit = @unit AND end_at >= @from AND end_at < @to`,
    )
    .raw();
  // Open at instant @at: received by then and not ended by then (open now, or ended after it).
  // The same conditions as the drill's list of these dossiers (service-index-drill.ts): one definition.
  const openAt = db.prepare(`SELECT COUNT(*) FROM dossiers WHERE unit = @unit AND ${OPEN_NOW_AT_SQL}`).pluck();
  const endedAfter = db.prepare(`SELECT COUNT(*) FROM dossiers WHERE unit = @unit AND ${ENDED_AFTER_SQL}`).pluck();

  // When satisfaction's judgement of the window's dossiers next moves with the clock alone: an open one
  // whose clock runs, not yet overdue, turns bad once now passes its due date (see satisfactionBad).
  const nextBad = db
    .prepare(
      `SELECT MIN(due_at) FROM dossiers WHERE unit = @unit AND open = 1 AND due_at >= @now AND received_at >= @from
       AND received_at < @to AND bucket != 'not_received' AND bucket != 'awaiting_supplement' AND supplement_requests <= 1
       AND ((index_bits >> ${IXB_COMPLAINT_KNOWN}) & 1)`,
    )
    .pluck();

  return { receivedIn, endedIn, openAt, endedAfter, nextBad };
}

export type ServiceIndexRepo = ReturnType<typeof createServiceIndexRepo>;
