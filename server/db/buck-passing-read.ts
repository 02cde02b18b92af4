/**
 * Read-side queries over the buck-passing cases (migration 009): the lists per city, unit,
 * department and official, and the counts per official and per unit and day of receipt.
 */
import type { Statement } from 'better-sqlite3';
import type { CaseOfficial } from '../domain/buck-passing.js';
import type { BuckPassingRule, BuckPassingSort } from '../../shared/contract/buck-passing.js';

/** One case as stored, with its dossier's procedure. Instants in epoch ms. */
export interface StoredCase {
  dossierId: string;
  rule: BuckPassingRule;
  firstHold: number;
  lastHold: number;
  unit: string | null;
  firstAt: number;
  lastAt: number;
  lostMs: number;
  ongoing: boolean;
  officials: CaseOfficial[];
  procedureCode: string | null;
  procedureName: string | null;
}

export interface CaseQuery {
  /** A unit or department code: its dossiers' cases and those its staff were in; null: the city. */
  unit: string | null;
  /** Window of the last hand-over, [from, to) epoch ms. */
  from: number;
  to: number;
  rule: BuckPassingRule | null;
  /** Only the cases this official (handler id) was involved in. */
  official: string | null;
}

/** A page's order per sort (%DIR%: ASC or DESC); shared with PostgreSQL's lists (officials-store/). */
export const CASE_ORDER: Record<BuckPassingSort, string> = {
  recent: 'c.last_at %DIR%, c.lost_ms %DIR%',
  lost: 'c.lost_ms %DIR%, c.last_at %DIR%',
};

/** The WHERE of a case query (its keys are bound by name: unit, from, to, rule, official), in SQL both engines take. */
export function whereOf(q: CaseQuery, withRule: boolean): string {
  const parts = ['c.last_at >= @from', 'c.last_at < @to'];
  if (q.unit !== null) {
    // Two index ranges (the dossier's unit; the staff's unit), not an OR over the whole window.
    parts.push(`(c.dossier_id, c.rule, c.first_hold) IN (
      SELECT dossier_id, rule, first_hold FROM buck_passing_cases WHERE unit = @unit AND last_at >= @from AND last_at < @to
      UNION SELECT dossier_id, rule, first_hold FROM buck_passing_parties WHERE handler_unit = @unit AND last_at >= @from AND last_at < @to)`);
  }
  if (q.official !== null) {
    parts.push(`(c.dossier_id, c.rule, c.first_hold) IN (
      SELECT dossier_id, rule, first_hold FROM buck_passing_parties WHERE handler_id = @official AND last_at >= @from AND last_at < @to)`);
  }
  if (withRule && q.rule !== null) parts.push('c.rule = @rule');
  return parts.join(' AND ');
}

export type CaseRow = [
  string,
  BuckPassingRule,
  number,
  number,
  string | null,
  number,
  number,
  number,
  string,
  string | null,
  string | null,
  0 | 1,
];

// Long by design: the queries as one closure over the statement cache, each short.
export function createBuckPassingReads(stmt: (sql: string) => Statement<unknown[]>) {
  return {
    /** One page of cases and the totals per rule (the rule filter aside), in the order asked. */
    buckPassingPage(q: CaseQuery & { sort: BuckPassingSort; dir: 'asc' | 'desc'; limit: number; offset: number }): {
      total: number;
      items: StoredCase[];
      byRule: { rule: BuckPassingRule; cases: number; lostMs: number }[];
    } {
      const params = { unit: q.unit, from: q.from, to: q.to, rule: q.rule, official: q.official };
      const byRule = stmt(
        `SELECT c.rule AS rule, COUNT(*) AS cases, SUM(c.lost_ms) AS lostMs FROM buck_passing_cases c WHERE ${whereOf(q, false)} GROUP BY c.rule`,
      ).all(params) as { rule: BuckPassingRule; cases: number; lostMs: number }[];
      const total = q.rule === null ? byRule.reduce((n, r) => n + r.cases, 0) : (byRule.find((r) => r.rule === q.rule)?.cases ?? 0);
      // Sort and direction come from fixed maps, never from the request: safe to interpolate.
      const order = CASE_ORDER[q.sort].replaceAll('%DIR%', q.dir === 'asc' ? 'ASC' : 'DESC');
      const rows = stmt(
        `SELECT c.dossier_id, c.rule, c.first_hold, c.last_hold, c.unit, c.first_at, c.last_at, c.lost_ms, c.officials,
                d.procedure_code, d.procedure_name, c.ongoing
         FROM buck_passing_cases c LEFT JOIN dossiers d ON d.id = c.dossier_id
         WHERE ${whereOf(q, true)} ORDER BY ${order}, c.dossier_id, c.rule, c.first_hold LIMIT @limit OFFSET @offset`,
      )
        .raw()
        .all({ ...params, limit: q.limit, offset: q.offset }) as CaseRow[];
      return { total, items: rows.map(storedCase), byRule };
    },

    /** Cases each of these officials (null: every official) was involved in, whose last hand-over is in [from, to). */
    buckPassingByOfficial(p: { from: number; to: number; ids: string[] | null }): Map<string, number> {
      const rows = (
        p.ids === null
          ? stmt(
              `SELECT handler_id AS id, COUNT(*) AS n FROM buck_passing_parties WHERE last_at >= @from AND last_at < @to GROUP BY handler_id`,
            ).all(p)
          : stmt(
              `SELECT p.handler_id AS id, COUNT(*) AS n FROM json_each(@ids) i JOIN buck_passing_parties p
                 ON p.handler_id = i.value AND p.last_at >= @from AND p.last_at < @to GROUP BY p.handler_id`,
            ).all({ from: p.from, to: p.to, ids: JSON.stringify(p.ids) })
      ) as { id: string; n: number }[];
      return new Map(rows.map((r) => [r.id, r.n]));
    },

    /**
     * Cases of the dossiers received in [from, to), per the dossier's unit (counted dossiers only: the
     * map metric's numerator for the part of a day the engine's day buckets cannot split).
     */
    buckPassingReceivedBetween(p: { from: number; to: number }): { code: string; n: number }[] {
      return stmt(
        `SELECT c.unit AS code, COUNT(*) AS n FROM buck_passing_cases c JOIN dossiers d ON d.id = c.dossier_id
         WHERE c.received_at >= @from AND c.received_at < @to AND c.unit IS NOT NULL AND d.bucket != 'not_received'
         GROUP BY c.unit`,
      ).all(p) as { code: string; n: number }[];
    },
  };
}

/** A case from its row's columns, in the order of the page's SELECT. */
export function storedCase(r: CaseRow): StoredCase {
  return {
    dossierId: r[0],
    rule: r[1],
    firstHold: r[2],
    lastHold: r[3],
    unit: r[4],
    firstAt: r[5],
    lastAt: r[6],
    lostMs: r[7],
    ongoing: r[11] === 1,
    officials: JSON.parse(r[8]) as CaseOfficial[],
    procedureCode: r[9],
    procedureName: r[10],
  };
}
