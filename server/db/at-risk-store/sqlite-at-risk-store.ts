/**
 * The pushed alerts on SQLite: the store's repository (migration 011) behind the asynchronous
 * contract. Each call runs at once, in one transaction through the store's write gate as before
 * (a write is done when the call returns), and answers a settled promise; a failure is its rejection.
 */
import type { Store } from '../store.js';
import type { AtRiskStore } from './contract.js';

export function createSqliteAtRiskStore(store: Pick<Store, 'atRiskPushed' | 'transaction'>): AtRiskStore {
  const repo = store.atRiskPushed;
  const settled = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));
  return {
    engine: 'sqlite',
    record: (rows, pushedAt) => settled(() => store.transaction(() => repo.record(rows, pushedAt))),
    current: (from) => settled(() => repo.current(from)),
    prune: (before) => settled(() => store.transaction(() => repo.prune(before))),
    // The file belongs to the store, which its owner closes.
    close: async () => {},
  };
}
