-- Wall displays and presets on PostgreSQL (issue 17, slice 3), mirroring SQLite's migration 003.

-- A wall display: a scope and the SHA-256 of its read-only token (the token itself is never stored).
CREATE TABLE displays (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         TEXT COLLATE "C" NOT NULL UNIQUE,
  scope        TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   BIGINT NOT NULL,
  revoked_at   BIGINT,
  last_seen_at BIGINT
);

-- Named presets: scenes (comma-separated, in display order) and the seconds each is shown.
CREATE TABLE wall_presets (
  name       TEXT COLLATE "C" PRIMARY KEY,
  scenes     TEXT NOT NULL,
  interval_s INTEGER NOT NULL CHECK (interval_s BETWEEN 3 AND 3600),
  updated_at BIGINT NOT NULL
);
