/**
 * The national sync format (DVCQG) on the asynchronous ingest path (async-ingest.ts; PostgreSQL): the
 * same reading and mapping as dvcqg-service.ts (mapAndLog), in the node's one turn for the whole batch
 * (its dossiers' states read from the store first, so each record is compared with the latest state),
 * and the records refused before mapping quarantined raw, as kind `dvcqg`, on the same write store.
 */
import type { DvcqgAnswer } from '../../shared/contract/dvcqg.js';
import type { SourceRow } from '../db/sources-repo.js';
import type { WriteStore } from '../db/write-store/contract.js';
import type { AsyncIngestService } from './async-ingest.js';
import { answer, createDvcqgIngest, mapAndLog, safeJson, type DvcqgBatch, type DvcqgDeps } from './dvcqg-service.js';
import type { IngestOptions } from './service.js';

export interface AsyncDvcqgDeps extends Omit<DvcqgDeps, 'ingest'> {
  service: Pick<AsyncIngestService, 'exclusive' | 'dossier'>;
  write: Pick<WriteStore, 'quarantineRecords'>;
}

/** The dossier ids a batch's records name (MaHoSo, as the record reader trims it): whose states it reads. */
function dossierIdsOf(records: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const r of records) {
    const id = (r as Record<string, unknown> | null)?.MaHoSo;
    if (typeof id === 'string' || typeof id === 'number') ids.push(String(id).trim());
  }
  return ids;
}

/** See the module's comment. */
export function createAsyncDvcqgIngest(deps: AsyncDvcqgDeps) {
  const reader = createDvcqgIngest({
    ...deps,
    ingest: {
      dossier: deps.service.dossier,
      ingest: () => {
        throw new Error('the asynchronous DVCQG path logs through its turn');
      },
    },
  });

  /** Maps and logs a batch; one result per record, in order (opts.replay: see IngestService.ingest). */
  function sync(source: SourceRow, b: DvcqgBatch, opts: IngestOptions = {}): Promise<DvcqgAnswer> {
    return deps.service.exclusive(async (turn) => {
      const arrivalAt = deps.now();
      await turn.loadDossiers(dossierIdsOf(b.records));
      const steps = mapAndLog((raw) => reader.readOne(source, b, raw, arrivalAt, turn.dossier), b.records);
      let step = steps.next();
      while (!step.done) step = steps.next(await turn.ingest(source, 'dossier', step.value, opts));
      const { results, quarantined } = step.value;
      // A replay's refusal is answered only: its record is already in quarantine.
      if (quarantined.length && !opts.replay) {
        const records = quarantined.map((q) => ({ eventId: q.id, raw: safeJson(b.records[q.index]), errors: q.errors }));
        await deps.write.quarantineRecords(source.id, 'dvcqg', arrivalAt, records);
      }
      return answer(b.service, results);
    });
  }

  return { sync };
}

export type AsyncDvcqgIngest = ReturnType<typeof createAsyncDvcqgIngest>;
