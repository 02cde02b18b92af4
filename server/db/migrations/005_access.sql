-- Access control (issue 5): users, server-side sessions, the audit log, reminders, unit-limited sources.

-- People who sign in. Passwords are argon2id hashes (PHC string); the password itself is never stored.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('city_leader', 'supervisor', 'unit_leader', 'department', 'admin')),
  scope         TEXT,            -- unit:<code> for unit_leader, department:<code> for department, NULL otherwise
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  disabled_at   INTEGER,
  last_login_at INTEGER
);

-- Sessions: only the SHA-256 of the cookie's random id is stored, so a copy of the database opens no session.
CREATE TABLE sessions (
  id_hash     TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  csrf_token  TEXT NOT NULL,     -- sent back in X-CSRF-Token on every state-changing request
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  ip          TEXT,
  user_agent  TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Who did what, when, from where. Never holds a password, key, token or session id.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,       -- user:<username>, source:<name>, cli, anonymous, system
  role      TEXT,
  action    TEXT NOT NULL,       -- e.g. auth.login, auth.login_failed, export, reminder.sent, user.created
  target    TEXT,
  outcome   TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  ip        TEXT,
  details   TEXT                 -- small JSON object of non-secret facts
);
CREATE INDEX audit_by_time ON audit_log (at);

-- Reminders an administration-centre supervisor sends to a unit about its late dossiers.
CREATE TABLE reminders (
  id              INTEGER PRIMARY KEY,
  unit            TEXT NOT NULL,     -- unit or department code
  dossier_id      TEXT,              -- the late dossier, or NULL for the unit's backlog as a whole
  message         TEXT NOT NULL,
  sent_by         INTEGER NOT NULL REFERENCES users(id),
  sent_at         INTEGER NOT NULL,
  acknowledged_by INTEGER REFERENCES users(id),
  acknowledged_at INTEGER
);
CREATE INDEX reminders_by_unit ON reminders (unit, sent_at);

-- A source may be limited to some units: comma-separated codes, NULL for any unit of the jurisdiction.
ALTER TABLE sources ADD COLUMN units TEXT;
