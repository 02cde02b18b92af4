import type { Db } from './connection.js';
import type { DossierState, Hold, TaskState } from '../domain/types.js';
import type { FinishedDossierFacts } from '../metrics/footprint.js';

/** Columns derived from a dossier's state that the store indexes and the API filters on. */
export interface DossierRowExtras {
  open: boolean;
  /** early | on_time | late | withdrawn | paused for finished dossiers, else null. */
  outcome: string | null;
  /** Working days from receipt to end minus pauses, for finished dossiers. */
  processingDays: number | null;
  /** Now-independent metric facts of a finished dossier, else null. */
  facts: FinishedDossierFacts | null;
}

/** Dossier and task projections (the fold of their events), and the holds table. */
export function createProjectionsRepo(db: Db) {
  const getDossier = db.prepare('SELECT state FROM dossiers WHERE id = ?').pluck();
  const insertDossier = db.prepare(
    `INSERT INTO dossiers (${DOSSIER_COLUMNS.join(', ')}) VALUES (${DOSSIER_COLUMNS.map((c) => '@' + c).join(', ')})`,
  );
  // UPDATEs name only the columns that changed, so an event that moves no indexed column (most of
  // them: an assignment, a supplement) rewrites the row but none of its four indexes.
  const updates = new Map<string, ReturnType<Db['prepare']>>();
  const updateStatement = (cols: string[]) => {
    const key = cols.join(',');
    let st = updates.get(key);
    if (!st) {
      st = db.prepare(`UPDATE dossiers SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      updates.set(key, st);
    }
    return st;
  };
  const upsertHold = db.prepare(
    `INSERT INTO holds (dossier_id, idx, unit, handler_id, handler_name, handler_unit, from_at, to_at, step_due_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dossier_id, idx) DO UPDATE SET unit = excluded.unit, handler_id = excluded.handler_id,
       handler_name = excluded.handler_name, handler_unit = excluded.handler_unit, from_at = excluded.from_at,
       to_at = excluded.to_at, step_due_at = excluded.step_due_at`,
  );
  const trimHolds = db.prepare('DELETE FROM holds WHERE dossier_id = ? AND idx >= ?');
  const getTask = db.prepare('SELECT state FROM tasks WHERE id = ?').pluck();
  const upsertTask = db.prepare(
    `INSERT INTO tasks (id, assignee, title, assigned_at, due_at, completed_at, status, extensions, state)
     VALUES (@id, @assignee, @title, @assigned_at, @due_at, @completed_at, @status, @extensions, @state)
     ON CONFLICT (id) DO UPDATE SET assignee = excluded.assignee, title = excluded.title,
       assigned_at = excluded.assigned_at, due_at = excluded.due_at, completed_at = excluded.completed_at,
       status = excluded.status, extensions = excluded.extensions, state = excluded.state`,
  );
  const openDossiers = db.prepare('SELECT state FROM dossiers WHERE open = 1').pluck();
  const finishedFacts = db
    .prepare(
      `SELECT unit, f_received_day, f_online, f_end_day, outcome, f_bin, f_apology_days FROM dossiers
       WHERE open = 0 AND f_end_day IS NOT NULL`,
    )
    .raw();
  const allTasks = db.prepare('SELECT state FROM tasks').pluck();
  const counts = db.prepare('SELECT (SELECT COUNT(*) FROM dossiers) AS dossiers, (SELECT COUNT(*) FROM tasks) AS tasks');

  return {
    getDossier(id: string): DossierState | null {
      const s = getDossier.get(id) as string | undefined;
      return s ? (JSON.parse(s) as DossierState) : null;
    },
    /**
     * Writes the dossier row (`prev` null: a new row; else only the columns that changed) and only the
     * holds that changed since `prev`.
     */
    saveDossier(prev: DossierState | null, next: DossierState, extras: DossierRowExtras): void {
      const row = { ...stateColumns(next), ...extrasColumns(extras), state: JSON.stringify(next) };
      if (prev === null) {
        insertDossier.run(row);
      } else {
        const before = stateColumns(prev);
        const cols: string[] = [];
        for (const c of STATE_COLUMNS) if (before[c] !== row[c]) cols.push(c);
        // Extras follow the end of processing; a finished row is rewritten whole (rare: ratings, late returns).
        if (prev.endAt !== next.endAt || prev.endKind !== next.endKind || next.endAt !== null) cols.push(...EXTRAS_COLUMNS);
        cols.push('state');
        updateStatement(cols).run(row);
      }
      const before = prev?.holds ?? [];
      const unitChanged = prev?.unit !== next.unit;
      next.holds.forEach((h, i) => {
        if (!unitChanged && sameHold(before[i], h)) return;
        upsertHold.run(next.id, i, next.unit, h.handlerId, h.handlerName, h.handlerUnit, h.from, h.to, h.stepDueAt);
      });
      if (before.length > next.holds.length) trimHolds.run(next.id, next.holds.length);
    },
    getTask(id: string): TaskState | null {
      const s = getTask.get(id) as string | undefined;
      return s ? (JSON.parse(s) as TaskState) : null;
    },
    saveTask(next: TaskState): void {
      upsertTask.run({
        id: next.id,
        assignee: next.assignee,
        title: next.title,
        assigned_at: next.assignedAt,
        due_at: next.dueAt,
        completed_at: next.completedAt,
        status: next.status,
        extensions: next.extensions,
        state: JSON.stringify(next),
      });
    },
    iterateOpenDossiers(): IterableIterator<DossierState> {
      return mapIter(openDossiers.iterate() as IterableIterator<string>, (s) => JSON.parse(s) as DossierState);
    },
    /**
     * Calls `onFacts` with the facts of every finished dossier, for a restart without re-folding.
     * One reused object, raw rows: this runs millions of times at start.
     */
    forEachFinishedFacts(onFacts: (f: FinishedDossierFacts) => void): number {
      const f: FinishedDossierFacts = { code: '', receivedDay: 0, online: 0, endDay: 0, outcome: 'on_time', processingBin: null, apologyDays: null };
      let n = 0;
      for (const row of finishedFacts.iterate() as IterableIterator<unknown[]>) {
        f.code = row[0] as string;
        f.receivedDay = row[1] as number;
        f.online = row[2] as 0 | 1;
        f.endDay = row[3] as number;
        f.outcome = row[4] as FinishedDossierFacts['outcome'];
        f.processingBin = row[5] as number | null;
        f.apologyDays = row[6] as string | null;
        onFacts(f);
        n++;
      }
      return n;
    },
    iterateTasks(): IterableIterator<TaskState> {
      return mapIter(allTasks.iterate() as IterableIterator<string>, (s) => JSON.parse(s) as TaskState);
    },
    counts(): { dossiers: number; tasks: number } {
      return counts.get() as { dossiers: number; tasks: number };
    },
  };
}

const STATE_COLUMNS = [
  'unit',
  'procedure_code',
  'procedure_name',
  'field',
  'channel',
  'received_at',
  'due_at',
  'end_at',
  'bucket',
  'supplement_requests',
  'apologies',
  'holder_id',
  'holder_name',
] as const;
const EXTRAS_COLUMNS = ['open', 'processing_days', 'outcome', 'f_received_day', 'f_online', 'f_end_day', 'f_bin', 'f_apology_days'] as const;
const DOSSIER_COLUMNS = ['id', ...STATE_COLUMNS, ...EXTRAS_COLUMNS, 'state'];

type Cell = string | number | null;

function stateColumns(s: DossierState): Record<(typeof STATE_COLUMNS)[number] | 'id', Cell> {
  const holder = currentHolder(s.holds);
  return {
    id: s.id,
    unit: s.unit,
    procedure_code: s.procedure?.code ?? null,
    procedure_name: s.procedure?.name ?? null,
    field: s.procedure?.field ?? null,
    channel: s.channel,
    received_at: s.receivedAt,
    due_at: s.dueAt,
    end_at: s.endAt,
    bucket: s.bucket,
    supplement_requests: s.supplementRequests,
    apologies: s.apologies.length,
    holder_id: holder?.handlerId ?? null,
    holder_name: holder?.handlerName ?? null,
  };
}

function extrasColumns(e: DossierRowExtras): Record<(typeof EXTRAS_COLUMNS)[number], Cell> {
  return {
    open: e.open ? 1 : 0,
    processing_days: e.processingDays,
    outcome: e.outcome,
    f_received_day: e.facts?.receivedDay ?? null,
    f_online: e.facts?.online ?? null,
    f_end_day: e.facts?.endDay ?? null,
    f_bin: e.facts?.processingBin ?? null,
    f_apology_days: e.facts?.apologyDays ?? null,
  };
}

function currentHolder(holds: Hold[]): Hold | null {
  const last = holds[holds.length - 1];
  return last && last.to === null ? last : null;
}

function sameHold(a: Hold | undefined, b: Hold): boolean {
  return (
    !!a &&
    a.handlerId === b.handlerId &&
    a.handlerName === b.handlerName &&
    a.handlerUnit === b.handlerUnit &&
    a.from === b.from &&
    a.to === b.to &&
    a.stepDueAt === b.stepDueAt
  );
}

function* mapIter<A, B>(it: IterableIterator<A>, f: (a: A) => B): IterableIterator<B> {
  for (const a of it) yield f(a);
}

export type ProjectionsRepo = ReturnType<typeof createProjectionsRepo>;
