/**
 * The lists and item pages on SQLite: the store's read repository (behind its read barrier, so a read
 * sees every accepted event) and the event log, unchanged behind the asynchronous contract. Each call
 * runs at once and answers a settled promise; a failure is its rejection.
 */
import type { Store } from '../store.js';
import { UNIT_DETAIL_READS, type AsyncUnitDetailReads, type ItemStore } from './contract.js';

export function createSqliteItemStore(store: Pick<Store, 'read' | 'events'>): ItemStore {
  const { read, events } = store;
  return {
    engine: 'sqlite',
    dossierPage: async (q) => read.dossierPage(q),
    taskPage: async (q) => read.taskPage(q),
    dossier: async (id) => read.dossier(id),
    task: async (id) => read.task(id),
    dossierUnit: async (id) => read.dossierUnit(id),
    taskAssignee: async (id) => read.taskAssignee(id),
    itemEvents: async (kind, id) => events.ofItem(kind, id),
    unitDetail: Object.fromEntries(
      UNIT_DETAIL_READS.map((name) => [
        name,
        (...args: never[]) => new Promise((resolve) => resolve((read[name] as (...a: never[]) => unknown)(...args))),
      ]),
    ) as AsyncUnitDetailReads,
    // The file belongs to the store, which its owner closes.
    close: async () => {},
  };
}
