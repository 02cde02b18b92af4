/**
 * The early warning's pushed alerts (issue 12, "pushed once per dossier"), engine-neutral and
 * asynchronous (issue 17): which dossiers an `at_risk` alert went out for, by the due date it was
 * about, so a restart does not push them again. Two engines: SQLite (the repository wrapped,
 * sqlite-at-risk-store.ts) and PostgreSQL (pg-at-risk-store.ts, pg-migrations/009_at_risk_pushed.sql);
 * tests/server/db/at-risk-store.shared.ts proves they answer alike.
 */
import type { AtRiskPushed } from '../at-risk-repo.js';

export type { AtRiskPushed };

export interface AtRiskStore {
  readonly engine: 'sqlite' | 'postgres';
  /** Records pushes in one transaction (all or none); a push already recorded (same dossier and due time) is kept once. */
  record(rows: readonly AtRiskPushed[], pushedAt: number): Promise<void>;
  /** Pushes whose due time is at or after `from` (the others can never be pushed again), by due time then dossier. */
  current(from: number): Promise<AtRiskPushed[]>;
  /** Deletes pushes whose due time is before `before`; answers how many. */
  prune(before: number): Promise<number>;
  close(): Promise<void>;
}
