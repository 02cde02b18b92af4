-- A dossier whose overdue time is one span lasting until it ends — [from, end_at), or [from, open)
-- while open: every dossier with no supplement request (nearly all) and some others — keeps that span in its
-- own row (overdue_from, overdue_work_day) instead of a row of overdue_spans; the others keep theirs
-- there (projections-repo.ts decides, from the spans of domain/overdue-spans.ts, the one definition).
-- A dossier's spans are in one of the two places, never both. Why: overdue_spans cost the projection
-- writer a B-tree keyed by dossier id written for every new dossier and rewritten at its end (+13 %
-- WAL bytes per event, bench/HISTORY.md); the dossier row is written then anyway.
-- Rows written before this migration keep their spans in overdue_spans (still correct) until the
-- dossier's spans next change.
ALTER TABLE dossiers ADD COLUMN overdue_from INTEGER;
ALTER TABLE dossiers ADD COLUMN overdue_work_day INTEGER;
-- The same shape as overdue_spans_by_from, for the same range scans; only the rows that have a span.
CREATE INDEX dossiers_overdue_from ON dossiers (overdue_from, end_at, unit, overdue_work_day) WHERE overdue_from IS NOT NULL;
-- Every stored span, wherever kept: what the read side queries (read-repo.ts).
CREATE VIEW overdue_span_rows AS
  SELECT unit, overdue_from AS from_at, end_at AS to_at, overdue_work_day AS work_day FROM dossiers WHERE overdue_from IS NOT NULL
  UNION ALL
  SELECT unit, from_at, to_at, work_day FROM overdue_spans;
