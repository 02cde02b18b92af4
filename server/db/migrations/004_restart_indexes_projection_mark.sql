-- Restart loads finished dossiers as counts per group (projections-repo.ts forEachFinishedGroup): each
-- GROUP BY reads one of these partial indexes in its own group order, with no table access and no
-- sort. Without them each restart scanned the whole dossiers table (6 GiB at 5M dossiers) twice.
CREATE INDEX dossiers_finished_received ON dossiers (unit, f_received_day, f_online)
  WHERE open = 0 AND f_end_day IS NOT NULL;
CREATE INDEX dossiers_finished_ended ON dossiers (unit, f_end_day, outcome, f_bin)
  WHERE open = 0 AND f_end_day IS NOT NULL;
CREATE INDEX dossiers_finished_apologies ON dossiers (unit, f_apology_days)
  WHERE open = 0 AND f_end_day IS NOT NULL AND f_apology_days IS NOT NULL;
-- Restart reads the open dossiers' states (a few % of the rows) through this, not a full scan.
CREATE INDEX dossiers_open ON dossiers (open) WHERE open = 1;

-- Projections (dossiers, holds, tasks) are written behind the event log: every event with
-- seq <= this value is folded into them. Until now they were written in the log's own transaction,
-- so an existing database is up to date with its whole log.
INSERT INTO meta (key, value) SELECT 'projections.seq', CAST(COALESCE(MAX(seq), 0) AS TEXT) FROM events;
