-- The time machine's restored counters (issue 16): beside each checkpoint, the metrics engine's
-- per-scope counters at its instant, the open items due to be reclassified before the next one and the
-- items with an event about a later time, so that a moment is restored without loading every open dossier.
-- Written behind the checkpoints (replay/counters-writer.ts); a checkpoint without a row is read as before.
CREATE TABLE replay_counters (
  at    INTEGER PRIMARY KEY,  -- the checkpoint's instant (replay_checkpoints.at)
  seq   INTEGER NOT NULL,     -- the checkpoint's seq
  until INTEGER NOT NULL,     -- the latest instant the listed reclassifications cover
  bytes INTEGER NOT NULL,     -- JSON bytes before compression
  state BLOB NOT NULL         -- brotli JSON: counters, due items, ahead
);
