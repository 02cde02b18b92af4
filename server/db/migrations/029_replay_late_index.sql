-- The time machine "as corrected" (issue 16) asks which items have an event about a time <= T that
-- arrived after a checkpoint. The log has no index by event time (004: none that ingest would write),
-- so that meant scanning the whole log after the checkpoint. Instead, written behind the log by the
-- checkpoint writer, a time index of the late events only: those about a time before the log's first
-- arrival (a history load, the demo's seed) or more than an hour before the latest arrival then
-- (replay/late-index.ts). Most live events arrive within minutes and are not in it.
-- Only (seq, at): the item of a row found is read from the log by seq (a seeded log is all late: its
-- index then weighs a sixth of the log, against a third with the item ids copied here).
CREATE TABLE replay_late (
  seq INTEGER PRIMARY KEY,
  at  INTEGER NOT NULL
);
CREATE INDEX replay_late_by_at ON replay_late (at);

-- Checkpoints by event time for the log's history (the events about times before its first arrival,
-- which all arrived together): the state of the events about times <= `at` received by `seq`, a
-- whole state every other day and deltas between, as replay_checkpoints. Written once.
CREATE TABLE replay_history (
  at    INTEGER PRIMARY KEY,
  seq   INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  state BLOB NOT NULL,
  whole INTEGER NOT NULL,
  codec INTEGER NOT NULL
);
