/**
 * "Pushed once per dossier": which dossiers an `at_risk` alert has gone out for, by dossier and the due
 * date it was about (a new due date — a supplement returned — is a new deadline, warned about again).
 * Kept in memory and in the at-risk store (either engine, db/at-risk-store/), so a restart does not
 * push them again. An entry whose due time has passed can never be pushed again (an overdue dossier is
 * not at risk): such entries are dropped at start and once a day.
 *
 * The store is asynchronous: the remembered pushes are loaded first, and a step's alerts are answered
 * once they are recorded, steps in the order they were taken (a step waits for the one before it).
 */
import type { AtRiskStore } from '../db/at-risk-store/contract.js';
import { vnDayIndex } from '../domain/time.js';
import type { Logger } from '../logger.js';
import type { AtRiskAlert } from '../metrics/early-warning-index.js';

export interface AtRiskLedgerDeps {
  store: Pick<AtRiskStore, 'record' | 'current' | 'prune'>;
  now: () => number;
  /**
   * Told when the store failed (a database away). The alerts are pushed anyway and remembered in
   * memory: only a restart could push them a second time, and none is lost.
   */
  onError: (err: unknown) => void;
}

export interface AtRiskLedger {
  /** Settles once the pushes the store remembers are loaded (a failure is told to onError). */
  readonly ready: Promise<void>;
  /** The alerts never pushed before (each once, even if repeated in `alerts`), answered once recorded as pushed. */
  firstPushes(alerts: readonly AtRiskAlert[]): Promise<AtRiskAlert[]>;
  /** How many pushes are remembered. */
  readonly size: number;
}

export function createAtRiskLedger(deps: AtRiskLedgerDeps): AtRiskLedger {
  const key = (id: string, dueAt: number) => `${dueAt}|${id}`;
  const pushed = new Map<string, number>();
  let prunedDay = -1;

  /** Once a day: forgets the pushes whose due time passed, here and in the store. */
  async function prune(): Promise<void> {
    const now = deps.now();
    if (vnDayIndex(now) === prunedDay) return;
    prunedDay = vnDayIndex(now);
    for (const [k, dueAt] of pushed) if (dueAt < now) pushed.delete(k);
    await deps.store.prune(now);
  }
  async function load(): Promise<void> {
    await prune();
    for (const r of await deps.store.current(deps.now())) pushed.set(key(r.id, r.dueAt), r.dueAt);
  }
  async function take(alerts: readonly AtRiskAlert[]): Promise<AtRiskAlert[]> {
    const fresh: AtRiskAlert[] = [];
    for (const a of alerts) {
      const k = key(a.id, a.dueAt);
      if (pushed.has(k)) continue;
      pushed.set(k, a.dueAt);
      fresh.push(a);
    }
    if (fresh.length === 0) return fresh;
    try {
      await prune();
      await deps.store.record(fresh, deps.now());
    } catch (err) {
      deps.onError(err);
    }
    return fresh;
  }

  const ready = load().catch(deps.onError);
  // The last step taken; never rejected, so a failed step does not stop the ones after it.
  let tail: Promise<unknown> = ready;
  return {
    ready,
    firstPushes(alerts) {
      const step = tail.then(() => take(alerts));
      tail = step.catch(() => {});
      return step;
    },
    get size() {
      return pushed.size;
    },
  };
}

/**
 * The live scheduler's early-warning clock: the dossiers the index reports at risk, through a ledger
 * on `store`; null (no promise made) when none became at risk, the common step. A store failure is
 * logged as a warning.
 */
export function atRiskClock(o: {
  warnings: { advance(now: number): AtRiskAlert[] };
  store: AtRiskLedgerDeps['store'];
  now: () => number;
  logger: Pick<Logger, 'warn'>;
}): { advance(now: number): Promise<AtRiskAlert[]> | null; ledger: AtRiskLedger } {
  const ledger = createAtRiskLedger({
    store: o.store,
    now: o.now,
    onError: (err) => o.logger.warn({ err }, 'the at-risk alerts pushed could not be read or recorded; pushed anyway'),
  });
  return {
    ledger,
    advance(now) {
      const alerts = o.warnings.advance(now);
      return alerts.length === 0 ? null : ledger.firstPushes(alerts);
    },
  };
}
