-- The early warning's pushed alerts on PostgreSQL (issue 17), mirroring SQLite's migration 011: the
-- dossiers an `at_risk` alert was pushed for, with the due date it was about, so that a restart does
-- not push them again (server/realtime/at-risk-ledger.ts). Rows whose due time has passed are deleted.
CREATE TABLE at_risk_pushed (
  dossier_id TEXT COLLATE "C" NOT NULL,
  due_at     BIGINT NOT NULL,
  pushed_at  BIGINT NOT NULL,
  PRIMARY KEY (dossier_id, due_at)
);
CREATE INDEX at_risk_pushed_by_due ON at_risk_pushed (due_at);
