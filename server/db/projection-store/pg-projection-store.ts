/**
 * The projection writer's store on PostgreSQL (contract.ts): the log read by seq, the rows' states,
 * a pass written in one transaction with its mark (pg-migrations/010), and the restore's reads with
 * the queries of SQLite's (projections-repo.ts forEachFinishedGroup, iterateOpenDossiers, iterateTasks).
 */
import type pg from 'pg';
import type { DossierState, TaskState } from '../../domain/types.js';
import type { DossierOutcome } from '../../metrics/footprint.js';
import type { FinishedGroupSink } from '../projections-repo.js';
import { inTransaction } from '../pg/pool.js';
import { MarkMoved, type ColumnRows, type PassEvent, type PassWrites, type ProjectionStore } from './contract.js';

/** Open dossiers and tasks per page of the restore (keyset on id): a city's backlog is never held whole. */
const PAGE = 5_000;
const FINISHED = 'open = 0 AND f_end_day IS NOT NULL';

/** INSERT … SELECT FROM unnest(…) ON CONFLICT (the key) DO UPDATE every other column. */
function upsertSql(table: string, rows: ColumnRows): string {
  const params = rows.names.map((_, i) => `$${i + 1}::${rows.types[i]}[]`).join(', ');
  const keys = rows.names.slice(0, rows.keyColumns);
  const sets = rows.names.slice(rows.keyColumns).map((c) => `${c} = excluded.${c}`);
  return (
    `INSERT INTO ${table} (${rows.names.join(', ')}) SELECT * FROM unnest(${params}) ` +
    `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets.join(', ')}`
  );
}

async function writeRows(c: pg.ClientBase, w: PassWrites): Promise<void> {
  if (w.spanRemovals.length) await c.query('DELETE FROM overdue_spans WHERE dossier_id = ANY($1::text[])', [w.spanRemovals]);
  if (w.caseRemovals.length) {
    await c.query('DELETE FROM buck_passing_cases WHERE dossier_id = ANY($1::text[])', [w.caseRemovals]);
    await c.query('DELETE FROM buck_passing_parties WHERE dossier_id = ANY($1::text[])', [w.caseRemovals]);
  }
  if (w.holdTrims.size) {
    await c.query(
      'DELETE FROM holds h USING unnest($1::text[], $2::int[]) AS t(id, n) WHERE h.dossier_id = t.id AND h.idx >= t.n',
      w.holdTrims.cols,
    );
  }
  for (const { table, rows } of w.upserts) if (rows.size) await c.query(upsertSql(table, rows), rows.cols);
}

async function forEachFinishedGroup(pool: pg.Pool, sink: FinishedGroupSink): Promise<number> {
  const rows = async <T extends unknown[]>(sql: string): Promise<T[]> => (await pool.query<T>({ text: sql, rowMode: 'array' })).rows;
  let n = 0;
  const received = `SELECT unit, f_received_day, f_online, COUNT(*) FROM dossiers WHERE ${FINISHED} GROUP BY unit, f_received_day, f_online`;
  for (const r of await rows<[string, number, 0 | 1, number]>(received)) {
    sink.received(r[0], r[1], r[2], r[3]);
    n++;
  }
  const ended = `SELECT unit, f_end_day, outcome, f_bin, COUNT(*) FROM dossiers WHERE ${FINISHED} GROUP BY unit, f_end_day, outcome, f_bin`;
  for (const r of await rows<[string, number, DossierOutcome, number | null, number]>(ended)) {
    sink.ended(r[0], r[1], r[2], r[3], r[4]);
    n++;
  }
  const apologies = `SELECT unit, f_apology_days, COUNT(*) FROM dossiers WHERE ${FINISHED} AND f_apology_days IS NOT NULL
    GROUP BY unit, f_apology_days`;
  for (const r of await rows<[string, string, number]>(apologies)) {
    sink.apologies(r[0], r[1], r[2]);
    n++;
  }
  if (sink.index) {
    const index = `SELECT unit, f_received_day, index_bits, (outcome = 'late')::int, COUNT(*) FROM dossiers
      WHERE ${FINISHED} AND index_bits != 0 GROUP BY unit, f_received_day, index_bits, outcome`;
    for (const r of await rows<[string, number, number, 0 | 1, number]>(index)) {
      sink.index(r[0], r[1], r[2], r[3], r[4]);
      n++;
    }
  }
  if (sink.buckPassing) {
    const cases = `SELECT unit, f_received_day, SUM(f_buck_passing) FROM dossiers
      WHERE ${FINISHED} AND f_buck_passing IS NOT NULL GROUP BY unit, f_received_day`;
    for (const r of await rows<[string, number, number]>(cases)) {
      sink.buckPassing(r[0], r[1], r[2]);
      n++;
    }
  }
  return n;
}

/** The states of a table's rows matching `where`, in pages of PAGE in id order. */
async function* statesOf<T>(pool: pg.Pool, table: 'dossiers' | 'tasks', where: string): AsyncGenerator<T> {
  let after = '';
  for (;;) {
    const r = await pool.query<{ id: string; state: string }>(
      `SELECT id, state FROM ${table} WHERE ${where} AND id > $1 ORDER BY id LIMIT ${PAGE}`,
      [after],
    );
    for (const row of r.rows) yield JSON.parse(row.state) as T;
    if (r.rows.length < PAGE) return;
    after = r.rows[r.rows.length - 1].id;
  }
}

export function createPgProjectionStore(pool: pg.Pool): ProjectionStore {
  const table = (kind: 'dossier' | 'task') => (kind === 'dossier' ? 'dossiers' : 'tasks');
  return {
    async projectedSeq() {
      return (await pool.query<{ seq: number }>('SELECT seq FROM projection_mark')).rows[0].seq;
    },
    async logHead() {
      return (await pool.query<{ seq: number }>('SELECT seq FROM log_head')).rows[0].seq;
    },
    async eventsAfter(seq, limit) {
      const r = await pool.query<PassEvent>(
        'SELECT seq, kind, item_id AS "itemId", payload FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
        [seq, limit],
      );
      return r.rows;
    },
    async states(kind, ids) {
      const out = new Map<string, DossierState | TaskState>();
      if (ids.length === 0) return out;
      const r = await pool.query<{ id: string; state: string }>(`SELECT id, state FROM ${table(kind)} WHERE id = ANY($1::text[])`, [ids]);
      for (const row of r.rows) out.set(row.id, JSON.parse(row.state) as DossierState | TaskState);
      return out;
    },
    async logs(kind, ids, maxSeq) {
      const out = new Map<string, { seq: number; payload: string }[]>();
      if (ids.length === 0) return out;
      const r = await pool.query<{ itemId: string; seq: number; payload: string }>(
        `SELECT item_id AS "itemId", seq, payload FROM events WHERE kind = $1 AND item_id = ANY($2::text[]) AND seq <= $3
         ORDER BY item_id, at, seq`,
        [kind, ids, maxSeq],
      );
      for (const row of r.rows) {
        const list = out.get(row.itemId);
        if (list) list.push(row);
        else out.set(row.itemId, [row]);
      }
      return out;
    },
    writePass: (writes, from, to) =>
      inTransaction(pool, async (c) => {
        // The mark's row locked first: a second writer waits here, then finds the mark moved.
        const mark = (await c.query<{ seq: number }>('SELECT seq FROM projection_mark FOR UPDATE')).rows[0].seq;
        if (mark !== from) throw new MarkMoved(from, mark);
        await writeRows(c, writes);
        await c.query('UPDATE projection_mark SET seq = $1', [to]);
      }),
    forEachFinishedGroup: (sink) => forEachFinishedGroup(pool, sink),
    openDossiers: () => statesOf<DossierState>(pool, 'dossiers', 'open = 1'),
    tasks: () => statesOf<TaskState>(pool, 'tasks', 'true'),
  };
}
