import type { Db } from './connection.js';

/** A dossier an `at_risk` alert was pushed for, and the due date it was about. */
export interface AtRiskPushed {
  id: string;
  dueAt: number;
}

/** The `at_risk` alerts pushed so far (migration 011). */
export function createAtRiskRepo(db: Db) {
  const insert = db.prepare('INSERT OR IGNORE INTO at_risk_pushed (dossier_id, due_at, pushed_at) VALUES (?, ?, ?)');
  const current = db.prepare('SELECT dossier_id AS id, due_at AS dueAt FROM at_risk_pushed WHERE due_at >= ? ORDER BY due_at, dossier_id');
  const prune = db.prepare('DELETE FROM at_risk_pushed WHERE due_at < ?');
  return {
    /** Records pushes (call inside a transaction for several). */
    record(rows: readonly AtRiskPushed[], pushedAt: number): void {
      for (const r of rows) insert.run(r.id, r.dueAt, pushedAt);
    },
    /** Pushes whose due time is at or after `from` (the others can never be pushed again), by due time then dossier. */
    current(from: number): AtRiskPushed[] {
      return current.all(from) as AtRiskPushed[];
    },
    /** Deletes pushes whose due time is before `before`; answers how many. */
    prune(before: number): number {
      return prune.run(before).changes;
    },
  };
}

export type AtRiskRepo = ReturnType<typeof createAtRiskRepo>;
