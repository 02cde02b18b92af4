/**
 * The service index's stored side on SQLite: the closed periods' counts (behind the read barrier) and
 * the portal's figures, the repositories unchanged behind the asynchronous contract. Each call runs at
 * once and answers a settled promise.
 */
import { answering } from '../access-store/sqlite-access-store.js';
import type { Store } from '../store.js';
import { CLOSED_INDEX_METHODS, PORTAL_METHODS, type IndexStore } from './contract.js';

export function createSqliteIndexStore(store: Pick<Store, 'serviceIndex' | 'portalIndex'>): IndexStore {
  return {
    engine: 'sqlite',
    closed: answering(store.serviceIndex, CLOSED_INDEX_METHODS),
    portal: answering(store.portalIndex, PORTAL_METHODS),
    // The file belongs to the store, which its owner closes.
    close: async () => {},
  };
}
