-- The time machine's checkpoints become hourly (issue 16): a whole state once a day, and between them
-- deltas, each holding only what the log changed since the checkpoint before it. A state at H is its
-- day's whole state plus the deltas up to H. Rows written before are whole states.
ALTER TABLE replay_checkpoints ADD COLUMN whole INTEGER NOT NULL DEFAULT 1;  -- 1: a whole state, 0: a delta
-- How the state is compressed: 0 raw deflate (rows written before), 1 brotli (a third smaller on this JSON).
ALTER TABLE replay_checkpoints ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
