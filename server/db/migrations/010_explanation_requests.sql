-- Explanation requests (issue 12): a reminder may now be an explanation request the unit answers, about
-- a dossier, a task, a buck-passing case or the unit's backlog, with the official holding the dossier
-- when it was sent and an answer due date. acknowledged_by/_at stay: an acknowledgement is the "read".

ALTER TABLE reminders ADD COLUMN kind TEXT NOT NULL DEFAULT 'reminder' CHECK (kind IN ('reminder', 'explanation'));
ALTER TABLE reminders ADD COLUMN subject_type TEXT NOT NULL DEFAULT 'unit' CHECK (subject_type IN ('dossier', 'task', 'case', 'unit'));
ALTER TABLE reminders ADD COLUMN subject_id TEXT;      -- dossier id, task id, case id, or the unit's code
ALTER TABLE reminders ADD COLUMN subject_title TEXT;   -- procedure name, task title, unit name, as when sent
-- The official holding the dossier when the request was sent (officials' pages count requests per official).
ALTER TABLE reminders ADD COLUMN holder_id TEXT;
ALTER TABLE reminders ADD COLUMN holder_name TEXT;
ALTER TABLE reminders ADD COLUMN holder_unit TEXT;
ALTER TABLE reminders ADD COLUMN answer_due_at INTEGER;  -- explanations: the end of the due day (epoch ms)
ALTER TABLE reminders ADD COLUMN answer TEXT;
ALTER TABLE reminders ADD COLUMN answered_by INTEGER REFERENCES users(id);
ALTER TABLE reminders ADD COLUMN answered_at INTEGER;
ALTER TABLE reminders ADD COLUMN answer_seen_at INTEGER;  -- the sender saw the answer (their unread count)
-- When the clock found it overdue and pushed and audited that: once, surviving restarts.
ALTER TABLE reminders ADD COLUMN overdue_noted_at INTEGER;

-- Reminders sent before: about a dossier or about the unit's backlog.
UPDATE reminders SET subject_type = 'dossier', subject_id = dossier_id WHERE dossier_id IS NOT NULL;
UPDATE reminders SET subject_id = unit WHERE dossier_id IS NULL;
-- Their holder when sent, from the holds projection (the hold that covered the instant it was sent).
UPDATE reminders SET
  holder_id = (SELECT h.handler_id FROM holds h WHERE h.dossier_id = reminders.dossier_id AND h.from_at <= reminders.sent_at
               AND (h.to_at IS NULL OR h.to_at > reminders.sent_at) ORDER BY h.idx DESC LIMIT 1),
  holder_name = (SELECT h.handler_name FROM holds h WHERE h.dossier_id = reminders.dossier_id AND h.from_at <= reminders.sent_at
               AND (h.to_at IS NULL OR h.to_at > reminders.sent_at) ORDER BY h.idx DESC LIMIT 1),
  holder_unit = (SELECT h.handler_unit FROM holds h WHERE h.dossier_id = reminders.dossier_id AND h.from_at <= reminders.sent_at
               AND (h.to_at IS NULL OR h.to_at > reminders.sent_at) ORDER BY h.idx DESC LIMIT 1)
WHERE dossier_id IS NOT NULL;

CREATE INDEX reminders_by_sender ON reminders (sent_by, sent_at);
CREATE INDEX reminders_by_dossier ON reminders (dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX reminders_by_subject ON reminders (subject_type, subject_id);
CREATE INDEX reminders_by_holder ON reminders (holder_id, sent_at) WHERE holder_id IS NOT NULL;
-- The clock's sweep: unanswered requests whose due date passed and that it has not noted yet (a few rows).
CREATE INDEX reminders_overdue_pending ON reminders (answer_due_at)
  WHERE answer_due_at IS NOT NULL AND answered_at IS NULL AND overdue_noted_at IS NULL;
