import type { Db } from './connection.js';

export interface ReminderRow {
  id: number;
  unit: string;
  dossierId: string | null;
  message: string;
  sentBy: string;
  sentAt: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
}

/** Reminders sent to a unit about its late dossiers, and their acknowledgement. */
export function createRemindersRepo(db: Db) {
  const insert = db.prepare('INSERT INTO reminders (unit, dossier_id, message, sent_by, sent_at) VALUES (?, ?, ?, ?, ?)');
  const select = `SELECT r.id, r.unit, r.dossier_id AS dossierId, r.message, s.display_name AS sentBy, r.sent_at AS sentAt,
      a.display_name AS acknowledgedBy, r.acknowledged_at AS acknowledgedAt
    FROM reminders r JOIN users s ON s.id = r.sent_by LEFT JOIN users a ON a.id = r.acknowledged_by`;
  const byId = db.prepare(`${select} WHERE r.id = ?`);
  const ofUnit = db.prepare(`${select} WHERE r.unit = ? ORDER BY r.sent_at DESC, r.id DESC LIMIT ?`);
  const ack = db.prepare('UPDATE reminders SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL');

  return {
    create(r: { unit: string; dossierId: string | null; message: string; sentBy: number; sentAt: number }): ReminderRow {
      const id = insert.run(r.unit, r.dossierId, r.message, r.sentBy, r.sentAt).lastInsertRowid;
      return byId.get(id) as ReminderRow;
    },
    get(id: number): ReminderRow | null {
      return (byId.get(id) as ReminderRow | undefined) ?? null;
    },
    ofUnit(unit: string, limit = 100): ReminderRow[] {
      return ofUnit.all(unit, limit) as ReminderRow[];
    },
    acknowledge(id: number, by: number, at: number): boolean {
      return ack.run(by, at, id).changes > 0;
    },
  };
}

export type RemindersRepo = ReturnType<typeof createRemindersRepo>;
