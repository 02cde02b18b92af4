import type { Db } from './connection.js';
import type { RequestKind, RequestSubjectType } from '../../shared/contract/requests.js';

/** A reminder or explanation request (table `reminders`, migrations 005 and 010). Instants in epoch ms. */
export interface ReminderRow {
  id: number;
  kind: RequestKind;
  /** The unit or department code it is sent to. */
  unit: string;
  subjectType: RequestSubjectType;
  subjectId: string;
  subjectTitle: string | null;
  dossierId: string | null;
  message: string;
  /** The sender's full name. */
  sentBy: string;
  sentById: number;
  sentByUsername: string;
  sentAt: number;
  holderId: string | null;
  holderName: string | null;
  holderUnit: string | null;
  answerDueAt: number | null;
  /** Read = acknowledged (Đã tiếp nhận). */
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: number | null;
  answerSeenAt: number | null;
  overdueNotedAt: number | null;
}

export interface NewReminder {
  unit: string;
  dossierId: string | null;
  message: string;
  sentBy: number;
  sentAt: number;
  /** Default `reminder`. */
  kind?: RequestKind;
  /** Default: the dossier when `dossierId` is given, else the unit's backlog. */
  subject?: { type: RequestSubjectType; id: string; title?: string | null };
  holder?: { id: string; name: string; unit: string } | null;
  answerDueAt?: number | null;
}

/** Requests per official who held the dossier when they were sent. */
export interface HolderRequestCounts {
  holderId: string;
  reminders: number;
  explanations: number;
}

const SELECT = `SELECT r.id, r.kind, r.unit, r.subject_type AS subjectType, r.subject_id AS subjectId, r.subject_title AS subjectTitle,
    r.dossier_id AS dossierId, r.message, s.display_name AS sentBy, r.sent_by AS sentById, s.username AS sentByUsername,
    r.sent_at AS sentAt, r.holder_id AS holderId, r.holder_name AS holderName, r.holder_unit AS holderUnit,
    r.answer_due_at AS answerDueAt, a.display_name AS acknowledgedBy, r.acknowledged_at AS acknowledgedAt, r.answer,
    w.display_name AS answeredBy, r.answered_at AS answeredAt, r.answer_seen_at AS answerSeenAt, r.overdue_noted_at AS overdueNotedAt
  FROM reminders r JOIN users s ON s.id = r.sent_by LEFT JOIN users a ON a.id = r.acknowledged_by LEFT JOIN users w ON w.id = r.answered_by`;
const NEWEST = 'ORDER BY r.sent_at DESC, r.id DESC LIMIT ?';

// Long by design: one closure of prepared statements and the short members that run them.
/** Reminders and explanation requests sent to units, their acknowledgement and answer. */
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function createRemindersRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO reminders (unit, dossier_id, message, sent_by, sent_at, kind, subject_type, subject_id, subject_title,
       holder_id, holder_name, holder_unit, answer_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare(`${SELECT} WHERE r.id = ?`);
  const ofUnit = db.prepare(`${SELECT} WHERE r.unit = ? ${NEWEST}`);
  const bySender = db.prepare(`${SELECT} WHERE r.sent_by = ? ${NEWEST}`);
  const toUnitOrBySender = db.prepare(`${SELECT} WHERE r.unit = ? OR r.sent_by = ? ${NEWEST}`);
  const toUnitsOrBySender = db.prepare(`${SELECT} WHERE r.unit IN (SELECT value FROM json_each(?)) OR r.sent_by IS ? ${NEWEST}`);
  const aboutDossier = db.prepare(
    `${SELECT} WHERE r.dossier_id = @id OR (r.subject_type = 'dossier' AND r.subject_id = @id) ORDER BY r.sent_at, r.id LIMIT @limit`,
  );
  const aboutSubject = db.prepare(`${SELECT} WHERE r.subject_type = ? AND r.subject_id = ? ORDER BY r.sent_at, r.id LIMIT ?`);
  const ack = db.prepare('UPDATE reminders SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL');
  // Answering reads it too, if nobody had acknowledged it yet.
  const answer = db.prepare(
    `UPDATE reminders SET answer = @text, answered_by = @by, answered_at = @at,
       acknowledged_by = COALESCE(acknowledged_by, @by), acknowledged_at = COALESCE(acknowledged_at, @at)
     WHERE id = @id AND kind = 'explanation' AND answered_at IS NULL`,
  );
  const seen = db.prepare(
    'UPDATE reminders SET answer_seen_at = ? WHERE id = ? AND sent_by = ? AND answered_at IS NOT NULL AND answer_seen_at IS NULL',
  );
  const pendingOverdue = db.prepare(
    `SELECT id FROM reminders WHERE answer_due_at IS NOT NULL AND answered_at IS NULL AND overdue_noted_at IS NULL
       AND answer_due_at < ? ORDER BY answer_due_at, id LIMIT ?`,
  );
  const noteOverdue = db.prepare(
    'UPDATE reminders SET overdue_noted_at = ? WHERE id = ? AND overdue_noted_at IS NULL AND answered_at IS NULL',
  );
  const holderCounts = db.prepare(
    `SELECT holder_id AS holderId, SUM(kind = 'reminder') AS reminders, SUM(kind = 'explanation') AS explanations
     FROM reminders WHERE holder_id IS NOT NULL AND sent_at >= ? AND sent_at < ? GROUP BY holder_id`,
  );
  const byHolder = db.prepare(
    `${SELECT} WHERE r.holder_id = @id AND r.sent_at >= @from AND r.sent_at < @to ORDER BY r.sent_at DESC, r.id DESC LIMIT @limit`,
  );
  const one = (id: number | bigint) => (byId.get(id) as ReminderRow | undefined) ?? null;

  return {
    create(r: NewReminder): ReminderRow {
      const subject = r.subject ?? (r.dossierId ? { type: 'dossier' as const, id: r.dossierId } : { type: 'unit' as const, id: r.unit });
      const h = r.holder ?? null;
      const id = insert.run(
        r.unit,
        r.dossierId,
        r.message,
        r.sentBy,
        r.sentAt,
        r.kind ?? 'reminder',
        subject.type,
        subject.id,
        subject.title ?? null,
        h?.id ?? null,
        h?.name ?? null,
        h?.unit ?? null,
        r.answerDueAt ?? null,
      ).lastInsertRowid;
      return one(id)!;
    },
    get(id: number): ReminderRow | null {
      return one(id);
    },
    /** The newest requests sent to a unit or department. */
    ofUnit(unit: string, limit = 100): ReminderRow[] {
      return ofUnit.all(unit, limit) as ReminderRow[];
    },
    /** The newest requests a user sent. */
    bySender(userId: number, limit = 100): ReminderRow[] {
      return bySender.all(userId, limit) as ReminderRow[];
    },
    /** The newest requests sent to a unit or by a user (a department user's header list: both). */
    toUnitOrBySender(unit: string, userId: number, limit = 100): ReminderRow[] {
      return toUnitOrBySender.all(unit, userId, limit) as ReminderRow[];
    },
    /** The newest requests sent to any of these units, or by this user when given (a user holding several units). */
    toUnitsOrBySender(units: readonly string[], userId: number | null, limit = 100): ReminderRow[] {
      return toUnitsOrBySender.all(JSON.stringify(units), userId, limit) as ReminderRow[];
    },
    /** Requests about a dossier (as the subject, or as a buck-passing case's dossier), oldest first. */
    aboutDossier(dossierId: string, limit = 500): ReminderRow[] {
      return aboutDossier.all({ id: dossierId, limit }) as ReminderRow[];
    },
    /** Requests about a task, a case or a unit's backlog, oldest first. */
    aboutSubject(type: RequestSubjectType, id: string, limit = 500): ReminderRow[] {
      return aboutSubject.all(type, id, limit) as ReminderRow[];
    },
    /** Marks read (đã tiếp nhận); false when it already was. */
    acknowledge(id: number, by: number, at: number): boolean {
      return ack.run(by, at, id).changes > 0;
    },
    /** Stores the answer of an explanation request (reading it too); false when already answered or not an explanation. */
    answer(id: number, by: number, at: number, text: string): boolean {
      return answer.run({ id, by, at, text }).changes > 0;
    },
    /** Marks the answers of the sender's requests seen; returns the ids that changed. */
    markAnswersSeen(senderId: number, ids: readonly number[], at: number): number[] {
      return db.transaction(() => ids.filter((id) => seen.run(at, id, senderId).changes > 0))();
    },
    /** Unanswered requests past their due date that the clock has not noted yet, most overdue first. */
    pendingOverdue(now: number, limit = 500): number[] {
      return (pendingOverdue.all(now, limit) as { id: number }[]).map((r) => r.id);
    },
    /** Notes that the clock found it overdue (once); false when already noted or answered meanwhile. */
    noteOverdue(id: number, at: number): boolean {
      return noteOverdue.run(at, id).changes > 0;
    },
    /** Requests sent in [from, to) while official `id` held the dossier, newest first (an official's page). */
    byHolder(id: string, from: number, to: number, limit = 500): ReminderRow[] {
      return byHolder.all({ id, from, to, limit }) as ReminderRow[];
    },
    /** Reminders and explanation requests per official holding the dossier when sent, sent in [from, to). */
    countsByHolder(from: number, to: number): HolderRequestCounts[] {
      return holderCounts.all(from, to) as HolderRequestCounts[];
    },
  };
}

export type RemindersRepo = ReturnType<typeof createRemindersRepo>;
