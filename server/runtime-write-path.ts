/**
 * The ingest path on a write store of another engine (PostgreSQL, issue 17 slice 1), as createRuntime
 * wires it: the asynchronous service (ingest/async-ingest.ts) whose committed batches the metrics engine
 * and the early warning take, as the synchronous path's live batches (a history-load batch is folded
 * like a live one here: the projection writer that folds a load's batches follows the SQLite file).
 */
import type { DossierContext } from './domain/dossier.js';
import type { WriteStore } from './db/write-store/contract.js';
import { createAsyncIngestService, type AsyncIngestService } from './ingest/async-ingest.js';
import type { MetricsEngine } from './metrics/engine.js';
import type { EarlyWarningIndex } from './metrics/early-warning-index.js';
import type { ClockSkewTracker } from './metrics/clock-skew.js';
import type { OpsMetrics } from './observability/ops-metrics.js';
import type { HeapMode } from './heap-mode.js';
import type { WriteBehind } from './projection/write-behind.js';
import type { DossierState, TaskState } from './domain/types.js';

export interface WritePathParts {
  domain: DossierContext;
  now: () => number;
  isKnownCode(code: string): boolean;
  jurisdictionName: string;
  engine: Pick<MetricsEngine, 'applyDossier' | 'applyTask'>;
  warnings: Pick<EarlyWarningIndex, 'applyDossierLater' | 'applyTask'>;
  clockSkew: Pick<ClockSkewTracker, 'window'>;
  ops: Pick<OpsMetrics, 'recordBatch'>;
  /** The live scheduler flushes soon after. */
  changed(): void;
  heapMode?: Pick<HeapMode, 'applied'>;
  /** The log was committed up to `seq` (the PostgreSQL projection writer follows it). */
  logged?(seq: number): void;
}

/** The asynchronous path on `write` when it is PostgreSQL's; undefined for none or SQLite's (the file's synchronous path serves). */
export function asyncIngestOn(write: WriteStore | undefined, p: WritePathParts): WritePath | undefined {
  if (write?.engine !== 'postgres') return undefined;
  const service = createAsyncIngestService({
    write,
    domain: p.domain,
    now: p.now,
    isKnownCode: p.isKnownCode,
    jurisdictionName: p.jurisdictionName,
    clockSkew: p.clockSkew,
    onBatch: (kind, results) => p.ops.recordBatch(kind, results),
    onApplied(changes) {
      if (changes.lastSeq > 0) p.logged?.(changes.lastSeq);
      p.changed();
      p.heapMode?.applied(changes.dossiers.length + changes.tasks.length);
      for (const d of changes.dossiers) {
        p.engine.applyDossier(d.prev, d.next);
        p.warnings.applyDossierLater(d.next);
      }
      for (const t of changes.tasks) {
        p.engine.applyTask(t.prev, t.next);
        p.warnings.applyTask(t.next);
      }
    },
  });
  return { service, write };
}

export type WritePath = { service: AsyncIngestService; write: WriteStore };

/** Where the live scheduler's alerts read the latest states: the asynchronous path's when it ingests, else the write-behind's. */
export function latestStatesOf(
  path: WritePath | undefined,
  latest: Pick<WriteBehind, 'peekDossier' | 'task'>,
): { latestDossier(id: string): DossierState | null; latestTask(id: string): TaskState | null } {
  if (path) return { latestDossier: path.service.dossier, latestTask: path.service.task };
  return { latestDossier: (id) => latest.peekDossier(id), latestTask: (id) => latest.task(id) };
}
