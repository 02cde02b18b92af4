/**
 * Data trust on SQLite: the store's repository unchanged behind the asynchronous contract, its reads
 * behind the read barrier (a flag raised by an accepted event is seen) and a review in one write
 * transaction (the write gate), as is the daily-jump sweep's outcome. Each call runs at once and answers a settled promise.
 */
import { answering } from '../access-store/sqlite-access-store.js';
import type { Store } from '../store.js';
import { JUMP_EVALUATED_KEY, type DataTrustStore } from './contract.js';

export function createSqliteDataTrustStore(store: Pick<Store, 'dataTrust' | 'dataTrustRead' | 'meta' | 'transaction'>): DataTrustStore {
  const evaluated = () => {
    const v = store.meta.get(JUMP_EVALUATED_KEY);
    return v === null ? null : Number(v);
  };
  return {
    engine: 'sqlite',
    ...answering(store.dataTrustRead, ['unitDays', 'flagsBetween', 'flagsPage', 'flag', 'allFlags']),
    review: async (flagId, verdict, note, by, at) => store.transaction(() => store.dataTrust.review(flagId, verdict, note, by, at)),
    jumpEvaluatedDay: async () => evaluated(),
    recordDailyJumps: async (flags, from, to) =>
      store.transaction(() => {
        if (evaluated() !== from) return false;
        for (const f of flags) store.dataTrust.upsertFlag(f);
        store.meta.set(JUMP_EVALUATED_KEY, String(to));
        return true;
      }),
    // The file belongs to the store, which its owner closes.
    close: async () => {},
  };
}
