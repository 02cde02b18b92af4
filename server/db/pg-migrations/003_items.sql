-- The projections the lists, a dossier's or task's page and a unit's detail tables read on PostgreSQL
-- (issue 17, slice 3), with the columns of SQLite's (server/db/migrations 001, 004, 008, 009, 012, 015).
-- Written by the projection writer once it runs on PostgreSQL (slice 2). Times are epoch ms (BIGINT);
-- `state` is the fold's JSON text. Text columns compare and sort bytewise (COLLATE "C"), as SQLite's
-- BINARY does, so a list's order is the same on both engines whatever the database's locale.

CREATE TABLE dossiers (
  id                  TEXT COLLATE "C" PRIMARY KEY,
  unit                TEXT COLLATE "C",
  procedure_code      TEXT COLLATE "C",
  procedure_name      TEXT COLLATE "C",
  field               TEXT COLLATE "C",
  channel             TEXT COLLATE "C",
  received_at         BIGINT,
  due_at              BIGINT,
  end_at              BIGINT,
  bucket              TEXT NOT NULL,
  supplement_requests INTEGER NOT NULL,
  apologies           INTEGER NOT NULL,
  holder_id           TEXT COLLATE "C",
  holder_name         TEXT COLLATE "C",
  open                INTEGER NOT NULL,
  processing_days     DOUBLE PRECISION,
  outcome             TEXT,
  f_received_day      INTEGER,
  f_online            INTEGER,
  f_end_day           INTEGER,
  f_bin               INTEGER,
  f_apology_days      TEXT,
  state               TEXT NOT NULL,
  f_buck_passing      INTEGER,
  overdue_from        BIGINT,
  overdue_work_day    INTEGER,
  index_bits          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dossiers_by_unit_open ON dossiers (unit, open, due_at);
CREATE INDEX dossiers_by_unit_received ON dossiers (unit, received_at);
CREATE INDEX dossiers_by_unit_end ON dossiers (unit, end_at);
CREATE INDEX dossiers_open ON dossiers (open) WHERE open = 1;
CREATE INDEX dossiers_overdue_from ON dossiers (overdue_from, end_at, unit, overdue_work_day) WHERE overdue_from IS NOT NULL;

-- Who held a dossier from when to when.
CREATE TABLE holds (
  dossier_id   TEXT COLLATE "C" NOT NULL,
  idx          INTEGER NOT NULL,
  unit         TEXT COLLATE "C",
  handler_id   TEXT COLLATE "C" NOT NULL,
  handler_name TEXT COLLATE "C" NOT NULL,
  handler_unit TEXT COLLATE "C" NOT NULL,
  from_at      BIGINT NOT NULL,
  to_at        BIGINT,
  step_due_at  BIGINT,
  PRIMARY KEY (dossier_id, idx)
);
CREATE INDEX holds_by_unit ON holds (unit, to_at);
CREATE INDEX holds_by_handler ON holds (handler_id);

-- One row per directive task.
CREATE TABLE tasks (
  id           TEXT COLLATE "C" PRIMARY KEY,
  assignee     TEXT COLLATE "C",
  title        TEXT COLLATE "C",
  assigned_at  BIGINT,
  due_at       BIGINT,
  completed_at BIGINT,
  status       TEXT NOT NULL,
  extensions   INTEGER NOT NULL,
  state        TEXT NOT NULL
);
CREATE INDEX tasks_by_assignee ON tasks (assignee, status, due_at);

-- Overdue spans of the dossiers whose spans do not fit their row (SQLite migration 012), and both together.
CREATE TABLE overdue_spans (
  dossier_id TEXT COLLATE "C" NOT NULL,
  idx        INTEGER NOT NULL,
  unit       TEXT COLLATE "C" NOT NULL,
  from_at    BIGINT NOT NULL,
  to_at      BIGINT,
  work_day   INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, idx)
);
CREATE INDEX overdue_spans_by_from ON overdue_spans (from_at, to_at, unit, work_day);
CREATE VIEW overdue_span_rows AS
  SELECT unit, overdue_from AS from_at, end_at AS to_at, overdue_work_day AS work_day FROM dossiers WHERE overdue_from IS NOT NULL
  UNION ALL
  SELECT unit, from_at, to_at, work_day FROM overdue_spans;

-- Buck-passing cases and who was in them (SQLite migrations 009 and 014), for the officials' scorecards.
CREATE TABLE buck_passing_cases (
  dossier_id  TEXT COLLATE "C" NOT NULL,
  rule        TEXT NOT NULL,
  first_hold  INTEGER NOT NULL,
  last_hold   INTEGER NOT NULL,
  unit        TEXT COLLATE "C",
  received_at BIGINT,
  first_at    BIGINT NOT NULL,
  last_at     BIGINT NOT NULL,
  lost_ms     BIGINT NOT NULL,
  officials   TEXT NOT NULL,
  ongoing     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (dossier_id, rule, first_hold)
);
CREATE TABLE buck_passing_parties (
  dossier_id   TEXT COLLATE "C" NOT NULL,
  rule         TEXT NOT NULL,
  first_hold   INTEGER NOT NULL,
  handler_id   TEXT COLLATE "C" NOT NULL,
  handler_unit TEXT COLLATE "C" NOT NULL,
  last_at      BIGINT NOT NULL,
  PRIMARY KEY (dossier_id, rule, first_hold, handler_id)
);
CREATE INDEX buck_passing_parties_by_handler ON buck_passing_parties (handler_id, last_at);
CREATE INDEX buck_passing_parties_by_unit ON buck_passing_parties (handler_unit, last_at);
CREATE INDEX buck_passing_by_last ON buck_passing_cases (last_at);
CREATE INDEX buck_passing_by_received ON buck_passing_cases (received_at);
CREATE INDEX buck_passing_by_unit ON buck_passing_cases (unit, last_at);
