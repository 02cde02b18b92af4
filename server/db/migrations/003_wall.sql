-- Wall display presets: a named list of scenes in order and the seconds each is shown (?preset=NAME).
CREATE TABLE wall_presets (
  name       TEXT PRIMARY KEY,
  scenes     TEXT NOT NULL,   -- comma-separated scene names, in display order
  interval_s INTEGER NOT NULL CHECK (interval_s BETWEEN 3 AND 3600),
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Wall displays: a long-lived, read-only token bound to one scope (the token itself is never stored).
CREATE TABLE displays (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  scope        TEXT NOT NULL,   -- city | unit:<code> | department:<code>
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER,
  last_seen_at INTEGER          -- server time of its last socket connection
);
