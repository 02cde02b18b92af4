/**
 * Which ingest path the routes use: the synchronous one on the SQLite file (service.ts, dvcqg-service.ts),
 * or, with a write store on another engine (PostgreSQL, issue 17 slice 1), the asynchronous one
 * (async-ingest.ts, dvcqg-async.ts). The quarantine's review replays through the same live path (its
 * records are that path's write store's).
 */
import type { Store } from '../db/store.js';
import type { WriteStore } from '../db/write-store/contract.js';
import type { Jurisdiction, WorkCalendar } from '../domain/types.js';
import type { AsyncIngestService } from './async-ingest.js';
import { createAsyncDvcqgIngest, type AsyncDvcqgIngest } from './dvcqg-async.js';
import { createDvcqgIngest, type DvcqgIngest } from './dvcqg-service.js';
import type { IngestService } from './service.js';

export interface IngestPathsDeps {
  store: Store;
  ingest: IngestService;
  /** The asynchronous path and its write store (absent: the SQLite file's synchronous path). */
  asyncIngest?: { service: AsyncIngestService; write: WriteStore };
  jurisdiction: Jurisdiction;
  calendar: WorkCalendar;
  now: () => number;
  procedureLegalDays?: ReadonlyMap<string, number>;
}

export interface IngestPaths {
  /** What the ingest routes and the quarantine's review call. */
  live: { ingest: Pick<IngestService, 'ingest'> | Pick<AsyncIngestService, 'ingest'>; dvcqg: DvcqgIngest | AsyncDvcqgIngest };
}

export function ingestPaths(deps: IngestPathsDeps): IngestPaths {
  const legalDaysOf = deps.procedureLegalDays && ((code: string) => deps.procedureLegalDays!.get(code));
  const common = { store: deps.store, jurisdiction: deps.jurisdiction, calendar: deps.calendar, now: deps.now, legalDaysOf };
  if (!deps.asyncIngest) return { live: { ingest: deps.ingest, dvcqg: createDvcqgIngest({ ...common, ingest: deps.ingest }) } };
  const { service, write } = deps.asyncIngest;
  return { live: { ingest: service, dvcqg: createAsyncDvcqgIngest({ ...common, service, write }) } };
}
