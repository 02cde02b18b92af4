-- Users, their scopes, their sessions and the audit log on PostgreSQL (issue 17, slice 3), mirroring
-- SQLite's migrations 005 and 019. With REDIS_URL, sessions live in Redis instead.

-- People who sign in; passwords are argon2id hashes. A username is unique whatever its case, as
-- SQLite's COLLATE NOCASE makes it (usernames are ASCII: auth/users.ts USERNAME_RE).
CREATE TABLE users (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      TEXT NOT NULL,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('city_leader', 'supervisor', 'unit_leader', 'department', 'admin')),
  password_hash TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  disabled_at   BIGINT,
  last_login_at BIGINT
);
CREATE UNIQUE INDEX users_by_name ON users (lower(username));

-- One row per scope a user holds, in the order given (the first is the user's home page).
CREATE TABLE user_scopes (
  user_id  BIGINT NOT NULL REFERENCES users(id),
  position INTEGER NOT NULL,
  scope    TEXT NOT NULL,
  PRIMARY KEY (user_id, scope)
);

-- Sessions: only the SHA-256 of the cookie's random id is stored, so a copy of the database opens no session.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip         TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Who did what, when, from where. Never holds a password, key, token or session id. details: the
-- JSON text as written (TEXT, not JSONB, so an export shows the keys in the order they were recorded).
CREATE TABLE audit_log (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at      BIGINT NOT NULL,
  actor   TEXT NOT NULL,
  role    TEXT,
  action  TEXT NOT NULL,
  target  TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  ip      TEXT,
  details TEXT
);
CREATE INDEX audit_by_time ON audit_log (at);
