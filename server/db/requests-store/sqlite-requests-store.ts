/**
 * Reminders and explanation requests on SQLite: the store's reminders repository (its writes behind
 * the store's write gate) unchanged behind the asynchronous contract. Each call runs at once and
 * answers a settled promise; a failure is its rejection.
 */
import type { Store } from '../store.js';
import type { AsyncRequestReads, RequestsStore } from './contract.js';

export function createSqliteRequestsStore(store: Pick<Store, 'reminders'>): RequestsStore {
  const repo = store.reminders;
  const wrapped = Object.fromEntries(
    Object.entries(repo).map(([name, fn]) => [
      name,
      (...args: unknown[]) => new Promise((resolve) => resolve((fn as (...a: unknown[]) => unknown)(...args))),
    ]),
  ) as AsyncRequestReads;
  // The file belongs to the store, which its owner closes.
  return { ...wrapped, engine: 'sqlite', close: async () => {} };
}
