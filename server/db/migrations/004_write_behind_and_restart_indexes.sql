-- 1. The event log becomes append-only with no secondary index, so that committing a batch writes
-- only its new rows: an index keyed by event id or item id takes each event into a different page,
-- and those pages made most of the bytes (and the fsync time) of a batch's commit. The two lookups
-- they served now have their own tables, written behind the log by the projection writer (in key
-- order, coalesced over many batches); the ingest path covers the few events they do not have yet.
-- The content hash goes too: a resent id is compared with the stored payload, in canonical form,
-- only when it is a resend (the stored payload is the event as sent; older rows hold it canonical).
CREATE TABLE events_log (
  seq          INTEGER PRIMARY KEY,
  source_id    INTEGER NOT NULL REFERENCES sources(id),
  event_id     TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('dossier', 'task')),
  item_id      TEXT NOT NULL,
  type         TEXT NOT NULL,
  at           INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  payload      TEXT NOT NULL
);
INSERT INTO events_log SELECT seq, source_id, event_id, kind, item_id, type, at, received_at, payload FROM events;
DROP TABLE events;
ALTER TABLE events_log RENAME TO events;

-- Idempotency: which event a source's event id is (the ingest path rejects a second one).
CREATE TABLE event_ids (
  source_id INTEGER NOT NULL,
  event_id  TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  PRIMARY KEY (source_id, event_id)
) WITHOUT ROWID;
INSERT INTO event_ids SELECT source_id, event_id, seq FROM events ORDER BY source_id, event_id;

-- An item's events (timelines, refolds).
CREATE TABLE item_events (
  kind    TEXT NOT NULL,
  item_id TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  PRIMARY KEY (kind, item_id, seq)
) WITHOUT ROWID;
INSERT INTO item_events SELECT kind, item_id, seq FROM events ORDER BY kind, item_id, seq;

-- 2. Projections (dossiers, holds, tasks) and the two tables above are written behind the log: every
-- event with seq <= this value is in them. Until now they were written in the log's own transaction,
-- so an existing database is up to date with its whole log.
INSERT INTO meta (key, value) SELECT 'projections.seq', CAST(COALESCE(MAX(seq), 0) AS TEXT) FROM events;

-- 3. Nothing queries holds by handler (officials are found through holds_by_unit); one index less
-- to write for every step of every dossier.
DROP INDEX holds_by_handler;

-- 4. Restart loads finished dossiers as counts per group (projections-repo.ts forEachFinishedGroup):
-- each GROUP BY reads one of these partial indexes in its own group order, with no table access and
-- no sort. Without them each restart scanned the whole dossiers table (6 GiB at 5M dossiers) twice.
-- (The columns after the group columns let the query's own WHERE be answered from the index: SQLite
-- does not always infer it from the partial index's WHERE; EXPLAIN QUERY PLAN says COVERING INDEX.)
CREATE INDEX dossiers_finished_received ON dossiers (unit, f_received_day, f_online, f_end_day)
  WHERE open = 0 AND f_end_day IS NOT NULL;
CREATE INDEX dossiers_finished_ended ON dossiers (unit, f_end_day, outcome, f_bin)
  WHERE open = 0 AND f_end_day IS NOT NULL;
CREATE INDEX dossiers_finished_apologies ON dossiers (unit, f_apology_days, f_end_day, open)
  WHERE open = 0 AND f_end_day IS NOT NULL AND f_apology_days IS NOT NULL;
-- Restart reads the open dossiers' states (a few % of the rows) through this, not a full scan.
CREATE INDEX dossiers_open ON dossiers (open) WHERE open = 1;
