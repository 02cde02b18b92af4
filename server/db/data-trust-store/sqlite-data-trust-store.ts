/**
 * Data trust on SQLite: the store's repository unchanged behind the asynchronous contract, its reads
 * behind the read barrier (a flag raised by an accepted event is seen) and a review in one write
 * transaction (the write gate). Each call runs at once and answers a settled promise.
 */
import { answering } from '../access-store/sqlite-access-store.js';
import type { Store } from '../store.js';
import type { DataTrustStore } from './contract.js';

export function createSqliteDataTrustStore(store: Pick<Store, 'dataTrust' | 'dataTrustRead' | 'transaction'>): DataTrustStore {
  return {
    engine: 'sqlite',
    ...answering(store.dataTrustRead, ['unitDays', 'flagsBetween', 'flagsPage', 'flag', 'allFlags']),
    review: async (flagId, verdict, note, by, at) => store.transaction(() => store.dataTrust.review(flagId, verdict, note, by, at)),
    // The file belongs to the store, which its owner closes.
    close: async () => {},
  };
}
