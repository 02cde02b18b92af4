/**
 * Reminders and explanation requests on PostgreSQL (issue 17, slice 3): migration 005's table, the
 * same answers as SQLite's reminders repository (tests/server/db/requests-store.shared.ts). Senders'
 * and readers' names come from PostgreSQL's users (migration 002): with this store, users live there too.
 * Each transition is one conditional UPDATE, so two nodes marking the same request change it once.
 */
import type pg from 'pg';
import { named } from '../pg/named-params.js';
import { openPgPool } from '../pg/pool.js';
import type { HolderRequestCounts, NewReminder, ReminderRow, RequestsStore } from './contract.js';

const SELECT = `SELECT r.id, r.kind, r.unit, r.subject_type AS "subjectType", r.subject_id AS "subjectId",
    r.subject_title AS "subjectTitle", r.dossier_id AS "dossierId", r.message, s.display_name AS "sentBy",
    r.sent_by AS "sentById", s.username AS "sentByUsername", r.sent_at AS "sentAt", r.holder_id AS "holderId",
    r.holder_name AS "holderName", r.holder_unit AS "holderUnit", r.answer_due_at AS "answerDueAt",
    a.display_name AS "acknowledgedBy", r.acknowledged_at AS "acknowledgedAt", r.answer, w.display_name AS "answeredBy",
    r.answered_at AS "answeredAt", r.answer_seen_at AS "answerSeenAt", r.overdue_noted_at AS "overdueNotedAt"
  FROM reminders r JOIN users s ON s.id = r.sent_by LEFT JOIN users a ON a.id = r.acknowledged_by
  LEFT JOIN users w ON w.id = r.answered_by`;
const NEWEST = 'ORDER BY r.sent_at DESC, r.id DESC LIMIT @limit';

type Params = Record<string, unknown>;

function insertOf(r: NewReminder): Params {
  const subject = r.subject ?? (r.dossierId ? { type: 'dossier' as const, id: r.dossierId } : { type: 'unit' as const, id: r.unit });
  const h = r.holder ?? null;
  return {
    unit: r.unit,
    dossierId: r.dossierId,
    message: r.message,
    sentBy: r.sentBy,
    sentAt: r.sentAt,
    kind: r.kind ?? 'reminder',
    subjectType: subject.type,
    subjectId: subject.id,
    subjectTitle: subject.title ?? null,
    holderId: h?.id ?? null,
    holderName: h?.name ?? null,
    holderUnit: h?.unit ?? null,
    answerDueAt: r.answerDueAt ?? null,
  };
}

// Long by design: one closure over the pool with a short member per query, as reminders-repo.ts.
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function createPgRequestsStore(pool: pg.Pool): RequestsStore {
  const rows = async (sql: string, params: Params) => (await pool.query(named(sql, params))).rows as ReminderRow[];
  const changed = async (sql: string, params: Params) => ((await pool.query(named(sql, params))).rowCount ?? 0) > 0;
  const one = async (id: number) => (await rows(`${SELECT} WHERE r.id = @id`, { id }))[0] ?? null;

  return {
    engine: 'postgres',
    async create(r) {
      const { text, values } = named(
        `INSERT INTO reminders (unit, dossier_id, message, sent_by, sent_at, kind, subject_type, subject_id, subject_title,
           holder_id, holder_name, holder_unit, answer_due_at)
         VALUES (@unit, @dossierId, @message, @sentBy, @sentAt, @kind, @subjectType, @subjectId, @subjectTitle,
           @holderId, @holderName, @holderUnit, @answerDueAt) RETURNING id`,
        insertOf(r),
      );
      const id = (await pool.query<{ id: number }>(text, values)).rows[0].id;
      return (await one(id))!;
    },
    get: (id) => one(id),
    ofUnit: (unit, limit = 100) => rows(`${SELECT} WHERE r.unit = @unit ${NEWEST}`, { unit, limit }),
    bySender: (userId, limit = 100) => rows(`${SELECT} WHERE r.sent_by = @userId ${NEWEST}`, { userId, limit }),
    toUnitOrBySender: (unit, userId, limit = 100) =>
      rows(`${SELECT} WHERE r.unit = @unit OR r.sent_by = @userId ${NEWEST}`, { unit, userId, limit }),
    toUnitsOrBySender: (units, userId, limit = 100) =>
      rows(`${SELECT} WHERE r.unit = ANY(@units::text[]) OR r.sent_by = @userId ${NEWEST}`, { units: [...units], userId, limit }),
    aboutDossier: (id, limit = 500) =>
      rows(
        `${SELECT} WHERE r.dossier_id = @id OR (r.subject_type = 'dossier' AND r.subject_id = @id) ORDER BY r.sent_at, r.id LIMIT @limit`,
        {
          id,
          limit,
        },
      ),
    aboutSubject: (type, id, limit = 500) =>
      rows(`${SELECT} WHERE r.subject_type = @type AND r.subject_id = @id ORDER BY r.sent_at, r.id LIMIT @limit`, { type, id, limit }),
    acknowledge: (id, by, at) =>
      changed('UPDATE reminders SET acknowledged_by = @by, acknowledged_at = @at WHERE id = @id AND acknowledged_at IS NULL', {
        id,
        by,
        at,
      }),
    // Answering reads it too, if nobody had acknowledged it yet.
    answer: (id, by, at, text) =>
      changed(
        `UPDATE reminders SET answer = @text, answered_by = @by, answered_at = @at,
           acknowledged_by = COALESCE(acknowledged_by, @by), acknowledged_at = COALESCE(acknowledged_at, @at)
         WHERE id = @id AND kind = 'explanation' AND answered_at IS NULL`,
        { id, by, at, text },
      ),
    async markAnswersSeen(senderId, ids, at) {
      const r = await pool.query<{ id: number }>(
        `UPDATE reminders SET answer_seen_at = $1 WHERE id = ANY($2::bigint[]) AND sent_by = $3
           AND answered_at IS NOT NULL AND answer_seen_at IS NULL RETURNING id`,
        [at, [...ids], senderId],
      );
      const seen = new Set(r.rows.map((x) => x.id));
      // In the order asked, as SQLite's loop answers them.
      return ids.filter((id, i) => seen.has(id) && ids.indexOf(id) === i);
    },
    async pendingOverdue(now, limit = 500) {
      const r = await pool.query<{ id: number }>(
        `SELECT id FROM reminders WHERE answer_due_at IS NOT NULL AND answered_at IS NULL AND overdue_noted_at IS NULL
           AND answer_due_at < $1 ORDER BY answer_due_at, id LIMIT $2`,
        [now, limit],
      );
      return r.rows.map((x) => x.id);
    },
    noteOverdue: (id, at) =>
      changed('UPDATE reminders SET overdue_noted_at = @at WHERE id = @id AND overdue_noted_at IS NULL AND answered_at IS NULL', {
        id,
        at,
      }),
    byHolder: (id, from, to, limit = 500) =>
      rows(`${SELECT} WHERE r.holder_id = @id AND r.sent_at >= @from AND r.sent_at < @to ${NEWEST}`, { id, from, to, limit }),
    async countsByHolder(from, to) {
      const r = await pool.query<HolderRequestCounts>(
        `SELECT holder_id AS "holderId", COUNT(*) FILTER (WHERE kind = 'reminder')::int AS reminders,
           COUNT(*) FILTER (WHERE kind = 'explanation')::int AS explanations
         FROM reminders WHERE holder_id IS NOT NULL AND sent_at >= $1 AND sent_at < $2 GROUP BY holder_id`,
        [from, to],
      );
      return r.rows;
    },
    close: () => pool.end(),
  };
}

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgRequestsStore(url: string, opts: { maxConnections?: number } = {}): Promise<RequestsStore> {
  return createPgRequestsStore(await openPgPool(url, opts.maxConnections));
}
