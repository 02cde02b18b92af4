-- Buck-passing cases (đùn đẩy, server/domain/buck-passing.ts), written by the projection writer when a
-- dossier's hand-overs change, for the lists per unit, department, official and city. A few percent of
-- dossiers have one; most events write nothing here.
-- received_at: the dossier's receipt (the map metric counts the cases of dossiers received in a window).
-- officials: JSON [{"id", "name", "unit"}] in the order they first held the dossier within the case.
CREATE TABLE buck_passing_cases (
  dossier_id  TEXT NOT NULL,
  rule        TEXT NOT NULL,
  first_hold  INTEGER NOT NULL,
  last_hold   INTEGER NOT NULL,
  unit        TEXT,
  received_at INTEGER,
  first_at    INTEGER NOT NULL,
  last_at     INTEGER NOT NULL,
  lost_ms     INTEGER NOT NULL,
  ongoing     INTEGER NOT NULL,  -- 1: sent back and not passed forward again yet (domain BuckPassingCase.ongoing)
  officials   TEXT NOT NULL,
  PRIMARY KEY (dossier_id, rule, first_hold)
) WITHOUT ROWID;
CREATE INDEX buck_passing_by_last ON buck_passing_cases (last_at);
CREATE INDEX buck_passing_by_unit ON buck_passing_cases (unit, last_at);
CREATE INDEX buck_passing_by_received ON buck_passing_cases (received_at);

-- Who was involved in each case, for a department's list (its staff on ward dossiers) and an official's.
CREATE TABLE buck_passing_parties (
  dossier_id   TEXT NOT NULL,
  rule         TEXT NOT NULL,
  first_hold   INTEGER NOT NULL,
  handler_id   TEXT NOT NULL,
  handler_unit TEXT NOT NULL,
  last_at      INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, rule, first_hold, handler_id)
) WITHOUT ROWID;
CREATE INDEX buck_passing_parties_by_handler ON buck_passing_parties (handler_id, last_at);
CREATE INDEX buck_passing_parties_by_unit ON buck_passing_parties (handler_unit, last_at);

-- A finished dossier's case count, a metric fact like the other f_ columns (NULL: none); a restart
-- sums it per unit and day of receipt from this partial index, without touching the table.
ALTER TABLE dossiers ADD COLUMN f_buck_passing INTEGER;
CREATE INDEX dossiers_finished_buck_passing ON dossiers (unit, f_received_day, f_buck_passing, f_end_day, open)
  WHERE open = 0 AND f_end_day IS NOT NULL AND f_buck_passing IS NOT NULL;

-- Rows written before this migration get their cases at the next start (projection/buck-passing-backfill.ts).
INSERT INTO meta (key, value) SELECT 'buck_passing.backfill', 'pending' WHERE EXISTS (SELECT 1 FROM dossiers);
