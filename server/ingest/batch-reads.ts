/**
 * What the asynchronous ingest path reads before it decides a batch (async-ingest.ts): the payloads the
 * source logged under the batch's ids, each named item's state (held in memory, else folded from its
 * logged events) and the logs a late event's refold needs.
 */
import type { DossierContext } from '../domain/dossier.js';
import { foldDossier } from '../domain/dossier.js';
import { foldTask } from '../domain/task.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent } from '../domain/logged-events.js';
import type { DossierState, TaskState } from '../domain/types.js';
import type { StoredEvent, WriteStore } from '../db/write-store/contract.js';
import type { BatchReads } from './decide-batch.js';
import type { ItemStates } from './item-states.js';
import type { IngestKind } from './validate.js';

export interface BatchReaderDeps {
  write: Pick<WriteStore, 'loggedPayloads' | 'eventsOfItems'>;
  domain: DossierContext;
  dossiers: ItemStates<DossierState>;
  tasks: ItemStates<TaskState>;
}

/** See the module's comment. */
export function createBatchReader(deps: BatchReaderDeps) {
  const { write } = deps;
  const held = (kind: IngestKind) => (kind === 'dossier' ? deps.dossiers : deps.tasks);

  function foldLog(kind: IngestKind, id: string, events: readonly StoredEvent[] | undefined): DossierState | TaskState | null {
    if (!events?.length) return null;
    if (kind === 'task')
      return foldTask(
        events.map((e) => parseLoggedTaskEvent(e.payload)),
        id,
      );
    return foldDossier(
      events.map((e) => parseLoggedDossierEvent(e.payload)),
      deps.domain,
      id,
    );
  }

  return {
    /** `logs`: items whose log is read even when their state is held (a late event's refold). */
    async read(sourceId: number, kind: IngestKind, ids: string[], itemIds: string[], logs: ReadonlySet<string>): Promise<BatchReads> {
      const states = held(kind);
      const toRead = itemIds.filter((id) => !states.has(id) || logs.has(id));
      const [logged, events] = await Promise.all([write.loggedPayloads(sourceId, ids), write.eventsOfItems(kind, toRead)]);
      const before = new Map<string, DossierState | TaskState | null>();
      for (const id of itemIds) before.set(id, states.get(id) ?? foldLog(kind, id, events.get(id)));
      return { logged, before, events };
    },

    /** Reads these dossiers' states into memory (those not held already). */
    async loadDossiers(ids: readonly string[]): Promise<void> {
      const missing = [...new Set(ids)].filter((id) => !deps.dossiers.has(id));
      if (missing.length === 0) return;
      for (const [id, list] of await write.eventsOfItems('dossier', missing))
        deps.dossiers.set(id, foldLog('dossier', id, list) as DossierState);
    },
  };
}
