-- Late-finished dossiers by end, covering (due_at, unit): the overdue backlog at the end of a past
-- period counts those that ended after it while past due (read-repo overdueAt). Partial, so it holds
-- only the few percent finished late and costs nothing on other rows.
CREATE INDEX dossiers_late_by_end ON dossiers (end_at, due_at, unit) WHERE outcome = 'late';
