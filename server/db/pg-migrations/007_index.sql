-- The national service index's side tables on PostgreSQL (issue 17, slice 3): the portal's published
-- figures and the rows of an import that were rejected (SQLite migration 017, the same columns), and
-- `meta` (SQLite migration 002), where an import bumps the counter that tells the servers their kept
-- figures are stale. The closed periods' counts read migration 003's dossiers (index_bits).

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE portal_index_figures (
  period       TEXT COLLATE "C" NOT NULL,
  code         TEXT COLLATE "C" NOT NULL,
  total        DOUBLE PRECISION NOT NULL,
  transparency DOUBLE PRECISION,
  progress     DOUBLE PRECISION,
  online       DOUBLE PRECISION,
  payment      DOUBLE PRECISION,
  digitisation DOUBLE PRECISION,
  satisfaction DOUBLE PRECISION,
  source       TEXT NOT NULL,
  file_sha256  TEXT NOT NULL,
  line         INTEGER NOT NULL,
  imported_at  BIGINT NOT NULL,
  PRIMARY KEY (period, code)
);

CREATE TABLE portal_index_rejected (
  file_sha256 TEXT NOT NULL,
  line        INTEGER NOT NULL,
  source      TEXT NOT NULL,
  reason      TEXT NOT NULL,
  raw         TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  PRIMARY KEY (file_sha256, line)
);
