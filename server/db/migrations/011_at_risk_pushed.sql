-- Early warning (issue 12): the dossiers an `at_risk` alert was pushed for, with the due date it was
-- about, so that a restart does not push them again (server/realtime/at-risk-ledger.ts). A row is of
-- no use once its due time has passed (an overdue dossier is never at risk): those are deleted.
CREATE TABLE at_risk_pushed (
  dossier_id TEXT NOT NULL,
  due_at     INTEGER NOT NULL,
  pushed_at  INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, due_at)
) WITHOUT ROWID;
CREATE INDEX at_risk_pushed_by_due ON at_risk_pushed (due_at);
