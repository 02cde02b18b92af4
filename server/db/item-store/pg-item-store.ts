/**
 * The lists and item pages on PostgreSQL (issue 17, slice 3): the same filters, sorts and answers as
 * SQLite's read repository (tests/server/db/item-store.shared.ts), over migration 003's projections
 * and migration 001's event log. A page's rows and its total are two queries on the pool.
 */
import type pg from 'pg';
import type { DossierState, TaskState } from '../../domain/types.js';
import { DOSSIER_FILTERS, DOSSIER_SORTS, orderBy, TASK_FILTERS, TASK_SORTS } from '../list-sql.js';
import { openPgPool } from '../pg/pool.js';
import { named } from '../pg/named-params.js';
import { createPgUnitDetailReads } from './pg-detail-reads.js';
import type { ItemPage, ItemStore, StoredEvent, TaskPageQuery } from './contract.js';

/** SQLite's json_extract of a task's state, in PostgreSQL's words (text, compared bytewise as there). */
const PG_TASK_SORTS: typeof TASK_SORTS = {
  ...TASK_SORTS,
  documentNumber: { sql: `(state::json #>> '{document,number}') COLLATE "C"` },
  issuer: { sql: `(state::json #>> '{issuer}') COLLATE "C"` },
};

/** Which rows a page covers: one unit, else the units listed, else all. */
const whoSql = (col: string, one: string | null, many: readonly string[] | undefined) =>
  one !== null ? `${col} = @one` : many ? `${col} = ANY(@many)` : 'TRUE';

async function page<T>(
  pool: pg.Pool,
  table: string,
  where: string,
  order: string,
  params: Record<string, unknown>,
  limit: number,
  offset: number,
): Promise<ItemPage<T>> {
  const count = named(`SELECT COUNT(*)::int AS n FROM ${table} WHERE ${where}`, params);
  const rows = named(`SELECT state FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`, {
    ...params,
    limit,
    offset,
  });
  const [total, list] = await Promise.all([pool.query<{ n: number }>(count), pool.query<{ state: string }>(rows)]);
  return { total: total.rows[0].n, items: list.rows.map((r) => JSON.parse(r.state) as T) };
}

export function createPgItemStore(pool: pg.Pool): ItemStore {
  const one = async <T>(sql: string, id: string): Promise<T | undefined> => (await pool.query<{ v: T }>(sql, [id])).rows[0]?.v;
  const stateOf = async <T>(table: string, id: string): Promise<T | null> => {
    const s = await one<string>(`SELECT state AS v FROM ${table} WHERE id = $1`, id);
    return s === undefined ? null : (JSON.parse(s) as T);
  };
  return {
    engine: 'postgres',
    dossierPage(q) {
      // An index drill's condition (service-index-drill.ts) is written for both engines.
      const f = q.drill ? { where: q.drill.where, order: 'received_at DESC, id' } : DOSSIER_FILTERS[q.filter];
      let where = `${whoSql('unit', q.unit, q.units)} AND ${q.pastDue ? `${f.where} AND due_at < @now` : f.where}`;
      if (q.holder !== undefined) where += ' AND holder_id = @holder';
      const params = {
        ...q.drill?.params,
        one: q.unit,
        many: q.units ? [...q.units] : null,
        now: q.now,
        dueSoonUntil: q.dueSoonUntil,
        holder: q.holder ?? null,
      };
      return page<DossierState>(pool, 'dossiers', where, orderBy(DOSSIER_SORTS, f.order, q.sort, q.dir), params, q.limit, q.offset);
    },
    taskPage(q: TaskPageQuery) {
      const f = TASK_FILTERS[q.filter];
      const where = `${whoSql('assignee', q.assignee, q.assignees)} AND ${f.where}`;
      const params = { one: q.assignee, many: q.assignees ? [...q.assignees] : null, now: q.now };
      return page<TaskState>(pool, 'tasks', where, orderBy(PG_TASK_SORTS, f.order, q.sort, q.dir), params, q.limit, q.offset);
    },
    dossier: (id) => stateOf<DossierState>('dossiers', id),
    task: (id) => stateOf<TaskState>('tasks', id),
    dossierUnit: (id) => one<string | null>('SELECT unit AS v FROM dossiers WHERE id = $1', id),
    taskAssignee: (id) => one<string | null>('SELECT assignee AS v FROM tasks WHERE id = $1', id),
    async itemEvents(kind, id) {
      const r = await pool.query<StoredEvent>(
        `SELECT seq, source_id AS "sourceId", event_id AS "eventId", type, at, payload FROM events
         WHERE kind = $1 AND item_id = $2 ORDER BY at, seq`,
        [kind, id],
      );
      return r.rows;
    },
    unitDetail: createPgUnitDetailReads(pool),
    close: () => pool.end(),
  };
}

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgItemStore(url: string, opts: { maxConnections?: number } = {}): Promise<ItemStore> {
  return createPgItemStore(await openPgPool(url, opts.maxConnections));
}
