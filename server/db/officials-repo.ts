/**
 * Read-side queries of the officials' pages: the steps (holds) a window touches with the facts of
 * their dossiers, one official's steps, the reminders each official received, and the dossiers an
 * official holds now. Rows come out in the shapes metrics/official-steps.ts computes on.
 */
import type { Db } from './connection.js';
import type { DossierState, Pause } from '../domain/types.js';
import type { StepFacts } from '../metrics/official-steps.js';
import type { ReminderHolder } from '../metrics/official-scorecards.js';
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

/** Raw row positions of stepColumns. */
type StepRow = [
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
function* stepsByDossier(rows: Iterable<StepRow>): Generator<StepFacts[]> {
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

/** A reminder counted for an official, with what the page shows of it. */
export type ReceivedReminder = ReminderHolder & { id: number; dossierId: string; unit: string; sentAt: number; message: string };

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
  // A reminder about a dossier counts for the step that held it when it was sent.
  const reminderSelect = `SELECT r.id, r.dossier_id AS dossierId, r.unit, r.sent_at AS sentAt, r.message,
      h.handler_id AS handlerId, h.handler_name AS handlerName, h.handler_unit AS handlerUnit, h.from_at AS fromAt,
      COALESCE(d.field, '') AS field
    FROM reminders r
    JOIN holds h ON h.dossier_id = r.dossier_id AND h.from_at <= r.sent_at AND (h.to_at IS NULL OR h.to_at > r.sent_at)
    LEFT JOIN dossiers d ON d.id = r.dossier_id
    WHERE r.dossier_id IS NOT NULL AND r.sent_at >= @from AND r.sent_at < @to`;
  const windowReminders = db.prepare(reminderSelect);
  const officialReminders = db.prepare(`${reminderSelect} AND h.handler_id = @id ORDER BY r.sent_at DESC, r.id DESC`);
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
    /** Reminders about dossiers sent in [from, to), each with the step that held its dossier then. */
    windowReminders(p: { from: number; to: number }): ReminderHolder[] {
      return windowReminders.all(p) as ReminderHolder[];
    },
    /** The reminders of [from, to) counted for official `id`, newest first. */
    officialReminders(p: { id: string; from: number; to: number }): ReceivedReminder[] {
      return officialReminders.all(p) as ReceivedReminder[];
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
