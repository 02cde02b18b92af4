/**
 * Read-side queries of the officials' pages: the steps (holds) a window touches with the facts of
 * their dossiers, one official's steps, the buck-passing cases and requests counted for each official,
 * and the dossiers an official holds now. Rows come out in the shapes metrics/ computes on.
 */
import type { Db } from './connection.js';
import type { DossierState, Pause } from '../domain/types.js';
import type { StepFacts } from '../metrics/official-steps.js';
import type { Attributed } from '../metrics/official-scorecards.js';
import type { CaseSpan } from '../metrics/official-detail.js';
import { OVERDUE_SQL } from './read-repo.js';

/**
 * Columns of a step with its dossier's field, open/overdue state and pauses (d: the dossier row). The
 * city-wide pass leaves out the dossier's unit (`withUnit` false): a string less per row of hundreds
 * of thousands, and only an official's page needs it.
 */
const stepColumns = (withUnit: boolean) => `h.dossier_id AS dossierId, h.idx, ${withUnit ? 'h.unit' : 'NULL'} AS unit,
  h.handler_id AS handlerId, h.handler_name AS handlerName,
  h.handler_unit AS handlerUnit, h.from_at AS fromAt, h.to_at AS toAt, h.step_due_at AS stepDueAt,
  d.field AS field, d.open AS open, ${OVERDUE_SQL.replace(/\b(open|bucket|due_at|supplement_requests)\b/g, 'd.$1')} AS overdue,
  CASE WHEN d.supplement_requests > 0 THEN json_extract(d.state, '$.pauses') END AS pauses`;

/** Raw row positions of stepColumns (PostgreSQL's officials store selects the same). */
export type StepRow = [
  string,
  number,
  string | null,
  string,
  string,
  string,
  number,
  number | null,
  number | null,
  string | null,
  number | null,
  number | null,
  string | null,
];

/**
 * Steps of each dossier in turn, from rows ordered by dossier then step. Rows are read one at a time
 * (a month of the city is hundreds of thousands): only one dossier's steps are alive at once. Pauses
 * are rare (a supplement request) and parsed once per dossier.
 */
export function* stepsByDossier(rows: Iterable<StepRow>): Generator<StepFacts[]> {
  const noPauses: readonly Pause[] = [];
  let current: StepFacts[] = [];
  let pauses = noPauses;
  for (const r of rows) {
    if (current.length && current[0].dossierId !== r[0]) {
      yield current;
      current = [];
    }
    if (!current.length) pauses = r[12] ? (JSON.parse(r[12]) as Pause[]) : noPauses;
    current.push({
      dossierId: r[0],
      idx: r[1],
      unit: r[2],
      handlerId: r[3],
      handlerName: r[4],
      handlerUnit: r[5],
      fromAt: r[6],
      toAt: r[7],
      stepDueAt: r[8],
      field: r[9] ?? '',
      open: r[10] === 1,
      overdue: r[11] === 1,
      pauses,
    });
  }
  if (current.length) yield current;
}

/**
 * The cases and requests counted for officials over [from, to) (metrics/official-scorecards.ts
 * Attributed), `%ONE%` narrowing to one official or to none:
 * - a case for each party (buck_passing_parties) whose last hand-over is in the window: the filter of
 *   `GET /city/buck-passing?official=` (db/buck-passing-read.ts), so the two counts agree;
 * - a request for the official holding its dossier when it was sent (reminders.holder_id), by its sending time.
 */
const ATTRIBUTED = `SELECT 'buckPassingCases' AS kind, p.handler_id AS handlerId,
    COALESCE((SELECT json_extract(j.value, '$.name') FROM json_each(c.officials) j WHERE json_extract(j.value, '$.id') = p.handler_id), '') AS handlerName,
    p.handler_unit AS handlerUnit, COALESCE(d.field, '') AS field
  FROM buck_passing_parties p
  JOIN buck_passing_cases c ON c.dossier_id = p.dossier_id AND c.rule = p.rule AND c.first_hold = p.first_hold
  LEFT JOIN dossiers d ON d.id = p.dossier_id
  WHERE p.last_at >= @from AND p.last_at < @to %ONE_P%
  UNION ALL
  SELECT CASE r.kind WHEN 'explanation' THEN 'explanationRequests' ELSE 'reminders' END, r.holder_id,
    COALESCE(r.holder_name, ''), COALESCE(r.holder_unit, ''), COALESCE(d.field, '')
  FROM reminders r LEFT JOIN dossiers d ON d.id = r.dossier_id
  WHERE r.holder_id IS NOT NULL AND r.sent_at >= @from AND r.sent_at < @to %ONE_R%`;

// Long by design: one closure holding the prepared statements and the short methods that run them.
/** The officials' read-side queries over one connection. */
export function createOfficialsRepo(db: Db) {
  // Every step that may touch [from, to): still held, or ended at or after `from`; begun before `to`.
  // A scan of the holds in their clustered (dossier, step) order, each step looking up its dossier.
  const windowSteps = db
    .prepare(
      `SELECT ${stepColumns(false)} FROM holds h JOIN dossiers d ON d.id = h.dossier_id
     WHERE (h.to_at IS NULL OR h.to_at >= @from) AND h.from_at < @to
     ORDER BY h.dossier_id, h.idx`,
    )
    .raw();
  // Every step of the dossiers one official held since `from` (whole sequences, for bounces).
  const officialSteps = db
    .prepare(
      `SELECT ${stepColumns(true)} FROM holds h JOIN dossiers d ON d.id = h.dossier_id
     WHERE h.dossier_id IN (SELECT dossier_id FROM holds WHERE handler_id = @id AND (to_at IS NULL OR to_at >= @from))
     ORDER BY h.dossier_id, h.idx`,
    )
    .raw();
  const windowAttributed = db.prepare(ATTRIBUTED.replace('%ONE_P%', '').replace('%ONE_R%', ''));
  const officialAttributed = db.prepare(
    ATTRIBUTED.replace('%ONE_P%', 'AND p.handler_id = @id').replace('%ONE_R%', 'AND r.holder_id = @id'),
  );
  // The cases an official was a party to, from the parties' (handler_id, last_at) index.
  const officialCases = db.prepare(
    `SELECT c.dossier_id AS dossierId, c.rule, c.first_hold AS firstHold, c.last_hold AS lastHold
     FROM buck_passing_parties p
     JOIN buck_passing_cases c ON c.dossier_id = p.dossier_id AND c.rule = p.rule AND c.first_hold = p.first_hold
     WHERE p.handler_id = @id AND p.last_at >= @from`,
  );
  const heldStates = db.prepare(
    `SELECT d.state FROM holds h JOIN dossiers d ON d.id = h.dossier_id WHERE h.handler_id = @id AND h.to_at IS NULL AND d.open = 1`,
  );
  const latestStep = db.prepare(
    `SELECT handler_name AS name, handler_unit AS unit FROM holds WHERE handler_id = ? ORDER BY from_at DESC LIMIT 1`,
  );

  return {
    /**
     * The steps that may touch [from, to), one dossier's at a time in step order; `now` classifies
     * the dossiers held now. Read lazily: consume it before the next query on this connection.
     */
    windowSteps(p: { from: number; to: number; now: number }): Iterable<StepFacts[]> {
      return stepsByDossier(windowSteps.iterate(p) as Iterable<StepRow>);
    },
    /** Every step of the dossiers official `id` held at or after `from`, one dossier's at a time. */
    officialSteps(p: { id: string; from: number; now: number }): StepFacts[][] {
      return [...stepsByDossier(officialSteps.all(p) as StepRow[])];
    },
    /** The cases and requests of [from, to) counted for every official. */
    windowAttributed(p: { from: number; to: number }): Attributed[] {
      return windowAttributed.all(p) as Attributed[];
    },
    /** The cases and requests of [from, to) counted for official `id`. */
    officialAttributed(p: { id: string; from: number; to: number }): Attributed[] {
      return officialAttributed.all(p) as Attributed[];
    },
    /** The cases official `id` was a party to whose last hand-over is at or after `from`. */
    officialCases(p: { id: string; from: number }): CaseSpan[] {
      return officialCases.all(p) as CaseSpan[];
    },
    /** The open dossiers official `id` holds now. */
    heldDossiers(id: string): DossierState[] {
      return (heldStates.all({ id }) as { state: string }[]).map((r) => JSON.parse(r.state) as DossierState);
    },
    /** The name and own unit of official `id` at their latest step, or null when they never held a dossier. */
    identity(id: string): { name: string; unit: string } | null {
      return (latestStep.get(id) as { name: string; unit: string } | undefined) ?? null;
    },
  };
}

export type OfficialsRepo = ReturnType<typeof createOfficialsRepo>;
