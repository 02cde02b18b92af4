-- When each dossier counts as overdue (domain/overdue-spans.ts): the one definition the live engine
-- uses, kept so that the overdue backlog at a past instant (the end of yesterday, of last month) is
-- counted the same way. An open dossier in term has its coming span [due + 1, null) already.
-- work_day: the Vietnam day index its lateness began in working time (short periods' on-time rate).
CREATE TABLE overdue_spans (
  dossier_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  unit TEXT NOT NULL,
  from_at INTEGER NOT NULL,
  to_at INTEGER,
  work_day INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, idx)
) WITHOUT ROWID;
CREATE INDEX overdue_spans_by_from ON overdue_spans (from_at, to_at, unit, work_day);
-- Rows written before this table existed are filled in at the next start (projection/overdue-backfill.ts).
INSERT INTO meta (key, value) SELECT 'overdue_spans.backfill', 'pending' WHERE EXISTS (SELECT 1 FROM dossiers);
