/**
 * The metrics' restore at a start from PostgreSQL's projections (issue 17, slice 2): what
 * runtime-recovery.ts restoreMetrics reads from the SQLite file, read from migration 003's tables by the
 * projection store (the same queries, db/projection-store) and given to the engine through the same calls.
 */
import type { ProjectionStore } from '../db/projection-store/contract.js';
import type { MetricsEngine } from '../metrics/engine.js';
import type { EarlyWarningIndex } from '../metrics/early-warning-index.js';
import { endRestore, finishedGroupsInto, restoreOpenDossier, restoreTask } from '../runtime-recovery.js';

/**
 * Loads the metrics and the early warning from PostgreSQL's projections (they must be up to date with
 * the log: await the writer's `started` first), as restoreMetrics does from the file's.
 */
export async function restoreMetricsFromPostgres(
  store: Pick<ProjectionStore, 'forEachFinishedGroup' | 'openDossiers' | 'tasks'>,
  engine: MetricsEngine,
  warnings: EarlyWarningIndex,
  now: number,
): Promise<void> {
  await store.forEachFinishedGroup(finishedGroupsInto(engine));
  for await (const s of store.openDossiers()) restoreOpenDossier(engine, warnings, s);
  for await (const t of store.tasks()) restoreTask(engine, warnings, t);
  endRestore(engine, warnings, now);
}
