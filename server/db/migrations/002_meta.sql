-- Small key/value facts about this database (e.g. the demo simulator's seed and start).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
