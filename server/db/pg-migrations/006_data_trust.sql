-- Data trust on PostgreSQL (issue 17, slice 3): the four tables of SQLite's migration 016, the same
-- columns. The flags, completions and daily figures are written by the projection writer once it runs
-- on PostgreSQL (slice 2) and by the daily-jump sweep; a supervisor's review from the API. Times are
-- epoch ms (BIGINT); text keys compare bytewise (COLLATE "C"), as SQLite's BINARY does, so pages list
-- flags in the same order on both engines.

CREATE TABLE data_trust_flags (
  id            TEXT COLLATE "C" PRIMARY KEY,
  rule          TEXT NOT NULL,
  unit          TEXT COLLATE "C" NOT NULL,
  dossier_id    TEXT COLLATE "C",
  received_at   BIGINT NOT NULL,
  official_id   TEXT,
  official_name TEXT,
  raised_at     BIGINT NOT NULL,
  evidence      TEXT NOT NULL
);
CREATE INDEX data_trust_flags_by_dossier ON data_trust_flags (dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX data_trust_flags_by_unit ON data_trust_flags (unit, received_at);
CREATE INDEX data_trust_flags_by_received ON data_trust_flags (received_at);

CREATE TABLE data_trust_reviews (
  flag_id TEXT COLLATE "C" PRIMARY KEY,
  verdict TEXT NOT NULL CHECK (verdict IN ('justified', 'confirmed')),
  note    TEXT NOT NULL,
  by_user TEXT NOT NULL,
  at      BIGINT NOT NULL
);

CREATE TABLE data_trust_completions (
  dossier_id   TEXT COLLATE "C" PRIMARY KEY,
  handler_id   TEXT COLLATE "C" NOT NULL,
  handler_name TEXT NOT NULL,
  unit         TEXT COLLATE "C" NOT NULL,
  received_at  BIGINT NOT NULL,
  at           BIGINT NOT NULL,
  event_id     TEXT,
  arrived_at   BIGINT
);
CREATE INDEX data_trust_completions_by_handler ON data_trust_completions (handler_id, at);

CREATE TABLE data_trust_unit_days (
  unit     TEXT COLLATE "C" NOT NULL,
  day      INTEGER NOT NULL,
  received INTEGER NOT NULL DEFAULT 0,
  finished INTEGER NOT NULL DEFAULT 0,
  on_time  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (unit, day)
);
