-- The time machine's checkpoints become hourly (issue 16): a whole state once a day, and between them
-- deltas, each holding only what the log changed since the checkpoint before it. A state at H is its
-- day's whole state plus the deltas up to H. Rows written before are whole states.
ALTER TABLE replay_checkpoints ADD COLUMN whole INTEGER NOT NULL DEFAULT 1;  -- 1: a whole state, 0: a delta
