-- The time machine (issue 16): the metrics state as the log stood at past instants, written behind the
-- log. A checkpoint at `at` holds the fold of every event received by then (seq <= `seq`), as the
-- engine's restart loads it (open states, tasks, finished dossiers' facts grouped), as deflated JSON.
-- The log is append-only, so a checkpoint never goes stale. Read-only for everything but its writer.
CREATE TABLE replay_checkpoints (
  at    INTEGER PRIMARY KEY,   -- epoch ms, a whole hour
  seq   INTEGER NOT NULL,
  bytes INTEGER NOT NULL,      -- size of the JSON before compression
  state BLOB NOT NULL
);
