-- Data trust (Độ tin cậy dữ liệu, server/domain/data-trust.ts): the flags the checks raised, written by
-- the projection writer as events come in (a dossier's own rules, the completion burst) and by the
-- daily-jump sweep at the end of each working day. Flags sit beside the metrics and change none.
-- id: `<dossierId>:<rule>`, or `<unit>:daily_jump:<day>:<figure>`.
-- received_at: the dossier's receipt (the figure's window), or the start of the day judged.
-- evidence: JSON [{dossierId, eventId, type, at, arrivedAt, limitAt, figure?}] (instants in epoch ms).
CREATE TABLE data_trust_flags (
  id            TEXT PRIMARY KEY,
  rule          TEXT NOT NULL,
  unit          TEXT NOT NULL,
  dossier_id    TEXT,
  received_at   INTEGER NOT NULL,
  official_id   TEXT,
  official_name TEXT,
  raised_at     INTEGER NOT NULL,
  evidence      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX data_trust_flags_by_dossier ON data_trust_flags (dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX data_trust_flags_by_unit ON data_trust_flags (unit, received_at);
CREATE INDEX data_trust_flags_by_received ON data_trust_flags (received_at);

-- A supervisor's review of a flag (audited). Apart from the flags, so that recomputing a flag keeps it.
CREATE TABLE data_trust_reviews (
  flag_id TEXT PRIMARY KEY,
  verdict TEXT NOT NULL CHECK (verdict IN ('justified', 'confirmed')),
  note    TEXT NOT NULL,
  by_user TEXT NOT NULL,
  at      INTEGER NOT NULL
) WITHOUT ROWID;

-- Each finished dossier's completion (processed or returned) by the official who held it: what the
-- completion-burst rule reads, one indexed range per completion.
CREATE TABLE data_trust_completions (
  dossier_id   TEXT PRIMARY KEY,
  handler_id   TEXT NOT NULL,
  handler_name TEXT NOT NULL,
  unit         TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  at           INTEGER NOT NULL,
  event_id     TEXT,
  arrived_at   INTEGER
) WITHOUT ROWID;
CREATE INDEX data_trust_completions_by_handler ON data_trust_completions (handler_id, at);

-- Per unit and Vietnam day: dossiers received, finished (early, on time or late) and finished on time
-- (early or on time): the daily-jump rule's history and the figure's denominator, without a dossier scan.
CREATE TABLE data_trust_unit_days (
  unit     TEXT NOT NULL,
  day      INTEGER NOT NULL,
  received INTEGER NOT NULL DEFAULT 0,
  finished INTEGER NOT NULL DEFAULT 0,
  on_time  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (unit, day)
) WITHOUT ROWID;
