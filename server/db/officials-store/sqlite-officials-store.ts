/**
 * The officials' reads and the buck-passing lists on SQLite: the store's officials and read
 * repositories (behind their read barrier) unchanged behind the asynchronous contract. Each call runs
 * at once and answers a settled promise; a failure is its rejection.
 */
import type { Store } from '../store.js';
import type { OfficialsStore } from './contract.js';

export function createSqliteOfficialsStore(store: Pick<Store, 'read' | 'officials'>): OfficialsStore {
  const { officials, read } = store;
  return {
    engine: 'sqlite',
    async *windowSteps(p) {
      // Read whole before the first yield: the statement's cursor must not stay open across awaits.
      yield* [...officials.windowSteps(p)];
    },
    officialSteps: async (p) => officials.officialSteps(p),
    windowAttributed: async (p) => officials.windowAttributed(p),
    officialAttributed: async (p) => officials.officialAttributed(p),
    officialCases: async (p) => officials.officialCases(p),
    heldDossiers: async (id) => officials.heldDossiers(id),
    identity: async (id) => officials.identity(id),
    buckPassingPage: async (q) => read.buckPassingPage(q),
    // The file belongs to the store, which its owner closes.
    close: async () => {},
  };
}
