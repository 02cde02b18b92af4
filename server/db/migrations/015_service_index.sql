-- The national service index (issue 13): each dossier row keeps its now-independent index
-- contributions (domain/service-index-facts.ts indexBits), written by the projection writer from
-- the same function the live engine counts with, so the SQL that judges closed periods
-- (service-index-repo.ts) sums the same per-dossier facts. Rows written before this migration
-- have 0: every field unknown, which the index counts as not computable (never as false).
ALTER TABLE dossiers ADD COLUMN index_bits INTEGER NOT NULL DEFAULT 0;
-- Restart loads finished dossiers' index facts as counts per group (projections-repo.ts
-- forEachFinishedGroup), read from this partial index in group order with no table access (open and
-- f_end_day after the group columns let SQLite answer the query's WHERE from it, as in migration 004).
CREATE INDEX dossiers_finished_index ON dossiers (unit, f_received_day, index_bits, outcome, open, f_end_day)
  WHERE open = 0 AND f_end_day IS NOT NULL AND index_bits != 0;
