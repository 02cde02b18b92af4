/**
 * "Pushed once per dossier": which dossiers an `at_risk` alert has gone out for, by dossier and the due
 * date it was about (a new due date — a supplement returned — is a new deadline, warned about again).
 * Kept in memory and in the database (migration 011), so a restart does not push them again. An entry
 * whose due time has passed can never be pushed again (an overdue dossier is not at risk): such entries
 * are dropped at start and once a day.
 */
import type { AtRiskPushed } from '../db/at-risk-repo.js';
import { vnDayIndex } from '../domain/time.js';
import type { AtRiskAlert } from '../metrics/early-warning-index.js';

export interface AtRiskLedgerDeps {
  repo: {
    record(rows: readonly AtRiskPushed[], pushedAt: number): void;
    current(from: number): AtRiskPushed[];
    prune(before: number): number;
  };
  /** Runs the writes of one step in one transaction. */
  transaction<T>(fn: () => T): T;
  now: () => number;
}

export interface AtRiskLedger {
  /** The alerts never pushed before (each once, even if repeated in `alerts`), now recorded as pushed. */
  firstPushes(alerts: readonly AtRiskAlert[]): AtRiskAlert[];
  /** How many pushes are remembered. */
  readonly size: number;
}

export function createAtRiskLedger(deps: AtRiskLedgerDeps): AtRiskLedger {
  const key = (id: string, dueAt: number) => `${dueAt}|${id}`;
  const pushed = new Map<string, number>();
  let prunedDay = -1;

  function prune(): void {
    const now = deps.now();
    if (vnDayIndex(now) === prunedDay) return;
    prunedDay = vnDayIndex(now);
    deps.transaction(() => deps.repo.prune(now));
    for (const [k, dueAt] of pushed) if (dueAt < now) pushed.delete(k);
  }
  prune();
  for (const r of deps.repo.current(deps.now())) pushed.set(key(r.id, r.dueAt), r.dueAt);

  return {
    firstPushes(alerts) {
      if (alerts.length === 0) return [];
      prune();
      const fresh: AtRiskAlert[] = [];
      for (const a of alerts) {
        const k = key(a.id, a.dueAt);
        if (pushed.has(k)) continue;
        pushed.set(k, a.dueAt);
        fresh.push(a);
      }
      if (fresh.length > 0) deps.transaction(() => deps.repo.record(fresh, deps.now()));
      return fresh;
    },
    get size() {
      return pushed.size;
    },
  };
}
