-- The national portal's published service-index figures (issue 13, npm run index:import): one row per
-- scope and period, the latest import's figures. code: a unit or department code, or `city`; period:
-- `2026-10`, `2026-Q3` or `2026`; group columns NULL where the file left them empty. source, line and
-- file_sha256 say where the figures came from; imported_at (epoch ms) when they were last changed.
-- The API reads one period at a time (the primary key's order).
CREATE TABLE portal_index_figures (
  period       TEXT NOT NULL,
  code         TEXT NOT NULL,
  total        REAL NOT NULL,
  transparency REAL,
  progress     REAL,
  online       REAL,
  payment      REAL,
  digitisation REAL,
  satisfaction REAL,
  source       TEXT NOT NULL,
  file_sha256  TEXT NOT NULL,
  line         INTEGER NOT NULL,
  imported_at  INTEGER NOT NULL,
  PRIMARY KEY (period, code)
) WITHOUT ROWID;

-- Rows of an imported file that were rejected, kept with the reason and the row as written, so that
-- nothing of a file is lost silently. Keyed by the file's content and line: importing the same file
-- again adds nothing.
CREATE TABLE portal_index_rejected (
  file_sha256 TEXT NOT NULL,
  line        INTEGER NOT NULL,
  source      TEXT NOT NULL,
  reason      TEXT NOT NULL,
  raw         TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (file_sha256, line)
) WITHOUT ROWID;
