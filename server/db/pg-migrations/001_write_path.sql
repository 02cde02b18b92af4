-- The write path on PostgreSQL (issue 17): sources, the event log with its arrival sequence, and the
-- quarantine, with the columns of the SQLite schema (server/db/migrations) they mirror.
-- Times are epoch milliseconds (BIGINT), payloads and raw records the text as sent (TEXT, not JSONB:
-- JSONB would reorder keys and drop duplicates, and a resend is compared with what was sent).

CREATE TABLE sources (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('dossier', 'task')),
  key_hash        TEXT NOT NULL UNIQUE,
  created_at      BIGINT NOT NULL,
  revoked_at      BIGINT,
  last_event_at   BIGINT,
  last_seen_at    BIGINT,
  units           TEXT,
  silent_after_ms BIGINT CHECK (silent_after_ms IS NULL OR silent_after_ms > 0),
  hours           TEXT NOT NULL DEFAULT 'office' CHECK (hours IN ('office', 'always')),
  history_load    BOOLEAN NOT NULL DEFAULT false
);

-- The arrival sequence's head. Each batch moves it by its size under the row's lock, held to commit:
-- seqs are gap-free and in commit order, so a reader of "events after seq N" (the projections, a
-- client's resync) never passes an event a slower transaction commits later. An identity column
-- gives neither: values are taken at insert (a later batch can commit first) and lost on rollback.
CREATE TABLE log_head (
  one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
  seq BIGINT NOT NULL CHECK (seq >= 0)
);
INSERT INTO log_head (one, seq) VALUES (true, 0);

-- The append-only event log. UNIQUE (source_id, event_id): one event per source id, whatever a writer does.
CREATE TABLE events (
  seq         BIGINT PRIMARY KEY,
  source_id   BIGINT NOT NULL REFERENCES sources(id),
  event_id    TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('dossier', 'task')),
  item_id     TEXT NOT NULL,
  type        TEXT NOT NULL,
  at          BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  payload     TEXT NOT NULL,
  UNIQUE (source_id, event_id)
);
-- An item's events in time order (timelines, refolds).
CREATE INDEX events_by_item ON events (kind, item_id, at, seq);

-- Rejected records, with the raw payload and every error (JSON text, as in SQLite), and their review.
CREATE TABLE quarantine (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id          BIGINT REFERENCES sources(id),
  kind               TEXT NOT NULL,
  received_at        BIGINT NOT NULL,
  event_id           TEXT,
  raw                TEXT NOT NULL,
  errors             TEXT NOT NULL,
  rule               TEXT NOT NULL DEFAULT 'other',
  state              TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'replayed', 'dismissed')),
  reviewed_at        BIGINT,
  reviewed_by        TEXT,
  review_note        TEXT,
  replayed_event_ids TEXT,
  replayed_raw       TEXT
);
CREATE INDEX quarantine_by_time ON quarantine (received_at);
CREATE INDEX quarantine_by_source_rule ON quarantine (source_id, rule, received_at);
CREATE INDEX quarantine_open ON quarantine (state, received_at);
