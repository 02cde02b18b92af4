/**
 * The officials' reads and the buck-passing lists on PostgreSQL (issue 17, slice 3): the same answers
 * as SQLite's officials and read repositories (tests/server/db/officials-store.shared.ts) over migration
 * 003's holds, dossiers and cases and migration 005's requests, in PostgreSQL's words (a dossier's JSON
 * state read with ->>, a case's officials with json_array_elements). The window's steps are read in
 * pages in (dossier, step) order, so a city month is never held whole.
 */
import type pg from 'pg';
import type { DossierState } from '../../domain/types.js';
import { CASE_ORDER, storedCase, whereOf, type CaseRow } from '../buck-passing-read.js';
import { OVERDUE_SQL } from '../list-sql.js';
import { stepsByDossier, type StepRow } from '../officials-repo.js';
import { named } from '../pg/named-params.js';
import { openPgPool } from '../pg/pool.js';
import type { Attributed, CasePage, CaseSpan, OfficialsStore, StepFacts } from './contract.js';

/** Rows of the window's steps per page (a page is one query; a dossier cut by a page's end is completed by the next). */
export const STEP_PAGE_ROWS = 5_000;

/** officials-repo.ts stepColumns, in the same positions (StepRow). */
const stepColumns = (withUnit: boolean) => `h.dossier_id, h.idx, ${withUnit ? 'h.unit' : 'NULL::text'},
  h.handler_id, h.handler_name, h.handler_unit, h.from_at, h.to_at, h.step_due_at,
  d.field, d.open, (${OVERDUE_SQL.replace(/\b(open|bucket|due_at|supplement_requests)\b/g, 'd.$1')})::int,
  CASE WHEN d.supplement_requests > 0 THEN d.state::json ->> 'pauses' END`;

/** officials-repo.ts ATTRIBUTED: each case's party and each request's holder, counted by when it happened. */
const ATTRIBUTED = `SELECT 'buckPassingCases' AS kind, p.handler_id AS "handlerId",
    COALESCE((SELECT j ->> 'name' FROM json_array_elements(c.officials::json) j WHERE j ->> 'id' = p.handler_id LIMIT 1), '') AS "handlerName",
    p.handler_unit AS "handlerUnit", COALESCE(d.field, '') AS field
  FROM buck_passing_parties p
  JOIN buck_passing_cases c ON c.dossier_id = p.dossier_id AND c.rule = p.rule AND c.first_hold = p.first_hold
  LEFT JOIN dossiers d ON d.id = p.dossier_id
  WHERE p.last_at >= @from AND p.last_at < @to %ONE_P%
  UNION ALL
  SELECT CASE r.kind WHEN 'explanation' THEN 'explanationRequests' ELSE 'reminders' END, r.holder_id,
    COALESCE(r.holder_name, ''), COALESCE(r.holder_unit, ''), COALESCE(d.field, '')
  FROM reminders r LEFT JOIN dossiers d ON d.id = r.dossier_id
  WHERE r.holder_id IS NOT NULL AND r.sent_at >= @from AND r.sent_at < @to %ONE_R%`;

type Params = Record<string, unknown>;

/** `stepPageRows`: rows per page of the window's steps (tests lower it to cut dossiers across pages). */
export function createPgOfficialsStore(pool: pg.Pool, opts: { stepPageRows?: number } = {}): OfficialsStore {
  const pageRows = opts.stepPageRows ?? STEP_PAGE_ROWS;
  const all = async <T>(sql: string, params: Params) => (await pool.query(named(sql, params))).rows as T[];
  const raw = async <T>(sql: string, params: Params) => (await pool.query({ ...named(sql, params), rowMode: 'array' })).rows as T[];

  /** One page of the window's steps after (afterId, afterIdx), in (dossier, step) order. */
  const stepPage = (p: { from: number; to: number; now: number }, afterId: string, afterIdx: number) =>
    raw<StepRow>(
      `SELECT ${stepColumns(false)} FROM holds h JOIN dossiers d ON d.id = h.dossier_id
       WHERE (h.to_at IS NULL OR h.to_at >= @from) AND h.from_at < @to AND (h.dossier_id, h.idx) > (@afterId, @afterIdx)
       ORDER BY h.dossier_id, h.idx LIMIT @limit`,
      { ...p, afterId, afterIdx, limit: pageRows },
    );

  return {
    engine: 'postgres',
    async *windowSteps(p): AsyncGenerator<StepFacts[]> {
      let carry: StepRow[] = [];
      let after: [string, number] = ['', -1];
      for (;;) {
        const rows = await stepPage(p, after[0], after[1]);
        const more = rows.length === pageRows;
        let ready = carry.concat(rows);
        carry = [];
        if (rows.length) after = [rows[rows.length - 1][0], rows[rows.length - 1][1]];
        if (more) {
          // The page's last dossier may go on in the next page: keep its steps until it does not.
          const lastId = ready[ready.length - 1][0];
          const cut = ready.findIndex((r) => r[0] === lastId);
          [ready, carry] = [ready.slice(0, cut), ready.slice(cut)];
        }
        yield* stepsByDossier(ready);
        if (!more) return;
      }
    },
    async officialSteps(p) {
      const rows = await raw<StepRow>(
        `SELECT ${stepColumns(true)} FROM holds h JOIN dossiers d ON d.id = h.dossier_id
         WHERE h.dossier_id IN (SELECT dossier_id FROM holds WHERE handler_id = @id AND (to_at IS NULL OR to_at >= @from))
         ORDER BY h.dossier_id, h.idx`,
        p,
      );
      return [...stepsByDossier(rows)];
    },
    windowAttributed: (p) => all<Attributed>(ATTRIBUTED.replace('%ONE_P%', '').replace('%ONE_R%', ''), p),
    officialAttributed: (p) =>
      all<Attributed>(ATTRIBUTED.replace('%ONE_P%', 'AND p.handler_id = @id').replace('%ONE_R%', 'AND r.holder_id = @id'), p),
    officialCases: (p) =>
      all<CaseSpan>(
        `SELECT c.dossier_id AS "dossierId", c.rule, c.first_hold AS "firstHold", c.last_hold AS "lastHold"
         FROM buck_passing_parties p
         JOIN buck_passing_cases c ON c.dossier_id = p.dossier_id AND c.rule = p.rule AND c.first_hold = p.first_hold
         WHERE p.handler_id = @id AND p.last_at >= @from`,
        p,
      ),
    async heldDossiers(id) {
      const rows = await all<{ state: string }>(
        `SELECT d.state FROM holds h JOIN dossiers d ON d.id = h.dossier_id
         WHERE h.handler_id = @id AND h.to_at IS NULL AND d.open = 1 ORDER BY h.dossier_id`,
        { id },
      );
      return rows.map((r) => JSON.parse(r.state) as DossierState);
    },
    async identity(id) {
      const rows = await all<{ name: string; unit: string }>(
        'SELECT handler_name AS name, handler_unit AS unit FROM holds WHERE handler_id = @id ORDER BY from_at DESC LIMIT 1',
        { id },
      );
      return rows[0] ?? null;
    },
    buckPassingPage: (q) => casePage(all, raw, q),
    close: () => pool.end(),
  };
}

/** buck-passing-read.ts buckPassingPage: the totals per rule (the rule filter aside), then the page's rows. */
async function casePage(
  all: <T>(sql: string, params: Params) => Promise<T[]>,
  raw: <T>(sql: string, params: Params) => Promise<T[]>,
  q: Parameters<OfficialsStore['buckPassingPage']>[0],
): Promise<CasePage> {
  const params = { unit: q.unit, from: q.from, to: q.to, rule: q.rule, official: q.official };
  // Sort and direction come from fixed maps, never from the request: safe to interpolate.
  const order = CASE_ORDER[q.sort].replaceAll('%DIR%', q.dir === 'asc' ? 'ASC' : 'DESC');
  const [byRule, rows] = await Promise.all([
    all<CasePage['byRule'][number]>(
      `SELECT c.rule AS rule, COUNT(*)::int AS cases, SUM(c.lost_ms)::bigint AS "lostMs" FROM buck_passing_cases c
       WHERE ${whereOf(q, false)} GROUP BY c.rule ORDER BY c.rule`,
      params,
    ),
    raw<CaseRow>(
      `SELECT c.dossier_id, c.rule, c.first_hold, c.last_hold, c.unit, c.first_at, c.last_at, c.lost_ms, c.officials,
              d.procedure_code, d.procedure_name, c.ongoing
       FROM buck_passing_cases c LEFT JOIN dossiers d ON d.id = c.dossier_id
       WHERE ${whereOf(q, true)} ORDER BY ${order}, c.dossier_id, c.rule, c.first_hold LIMIT @limit OFFSET @offset`,
      { ...params, limit: q.limit, offset: q.offset },
    ),
  ]);
  const total = q.rule === null ? byRule.reduce((n, r) => n + r.cases, 0) : (byRule.find((r) => r.rule === q.rule)?.cases ?? 0);
  return { total, items: rows.map(storedCase), byRule };
}

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgOfficialsStore(url: string, opts: { maxConnections?: number } = {}): Promise<OfficialsStore> {
  return createPgOfficialsStore(await openPgPool(url, opts.maxConnections));
}
