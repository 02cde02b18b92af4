-- Sources of events: each has one kind and a hashed key (the key itself is never stored).
CREATE TABLE sources (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL CHECK (kind IN ('dossier', 'task')),
  key_hash      TEXT NOT NULL UNIQUE,
  created_at    INTEGER NOT NULL,
  revoked_at    INTEGER,
  last_event_at INTEGER,   -- max `at` accepted from this source
  last_seen_at  INTEGER    -- server time of its last accepted batch
);

-- Append-only event log: what every source sent and we accepted, verbatim.
CREATE TABLE events (
  seq          INTEGER PRIMARY KEY,
  source_id    INTEGER NOT NULL REFERENCES sources(id),
  event_id     TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('dossier', 'task')),
  item_id      TEXT NOT NULL,
  type         TEXT NOT NULL,
  at           INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  payload      TEXT NOT NULL,
  UNIQUE (source_id, event_id)
);
CREATE INDEX events_by_item ON events (item_id);  -- an item's few events are sorted after the lookup

-- Rejected input, kept for review with the raw payload and every error.
CREATE TABLE quarantine (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER REFERENCES sources(id),
  kind        TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  event_id    TEXT,
  raw         TEXT NOT NULL,
  errors      TEXT NOT NULL
);
CREATE INDEX quarantine_by_time ON quarantine (received_at);

-- Projection: one row per dossier, the fold of its events.
CREATE TABLE dossiers (
  id                  TEXT PRIMARY KEY,
  unit                TEXT,
  procedure_code      TEXT,
  procedure_name      TEXT,
  field               TEXT,
  channel             TEXT,
  received_at         INTEGER,
  due_at              INTEGER,
  end_at              INTEGER,
  bucket              TEXT NOT NULL,
  supplement_requests INTEGER NOT NULL,
  apologies           INTEGER NOT NULL,
  holder_id           TEXT,
  holder_name         TEXT,
  open                INTEGER NOT NULL,
  processing_days     REAL,     -- working days from receipt to end minus pauses, finished ones
  outcome             TEXT,     -- early | on_time | late | withdrawn | stopped for finished ones
  -- Now-independent metric facts of a finished dossier (metrics/footprint.ts FinishedDossierFacts), as
  -- columns so a restart loads millions of them without parsing JSON or re-folding events.
  f_received_day      INTEGER,
  f_online            INTEGER,
  f_end_day           INTEGER,
  f_bin               INTEGER,
  f_apology_days      TEXT,
  state               TEXT NOT NULL
);  -- a rowid table: rows carry the state JSON, too large for WITHOUT ROWID's clustered pages
CREATE INDEX dossiers_by_unit_open ON dossiers (unit, open, due_at);
CREATE INDEX dossiers_by_unit_received ON dossiers (unit, received_at);
CREATE INDEX dossiers_by_unit_end ON dossiers (unit, end_at);

-- Projection: who held a dossier from when to when.
CREATE TABLE holds (
  dossier_id   TEXT NOT NULL,
  idx          INTEGER NOT NULL,
  unit         TEXT,            -- the dossier's unit
  handler_id   TEXT NOT NULL,
  handler_name TEXT NOT NULL,
  handler_unit TEXT NOT NULL,
  from_at      INTEGER NOT NULL,
  to_at        INTEGER,
  step_due_at  INTEGER,
  PRIMARY KEY (dossier_id, idx)
) WITHOUT ROWID;
CREATE INDEX holds_by_unit ON holds (unit, to_at);
CREATE INDEX holds_by_handler ON holds (handler_id);

-- Projection: one row per directive task.
CREATE TABLE tasks (
  id           TEXT PRIMARY KEY,
  assignee     TEXT,
  title        TEXT,
  assigned_at  INTEGER,
  due_at       INTEGER,
  completed_at INTEGER,
  status       TEXT NOT NULL,
  extensions   INTEGER NOT NULL,
  state        TEXT NOT NULL
);
CREATE INDEX tasks_by_assignee ON tasks (assignee, status, due_at);
