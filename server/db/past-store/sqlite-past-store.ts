/**
 * The overview's past reads on SQLite: the store's read repository (behind its read barrier, so a read
 * sees every accepted event) unchanged behind the asynchronous contract. Each call runs at once and
 * answers a settled promise; a failure is its rejection.
 */
import { answering } from '../access-store/sqlite-access-store.js';
import type { Store } from '../store.js';
import { PAST_READS, type PastStore } from './contract.js';

export function createSqlitePastStore(store: Pick<Store, 'read'>): PastStore {
  return {
    engine: 'sqlite',
    ...answering(store.read, PAST_READS),
    // The file belongs to the store, which its owner closes.
    close: async () => {},
  };
}
