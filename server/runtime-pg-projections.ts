/**
 * The projections on PostgreSQL as createRuntime wires them (issue 17, slice 2): the projection writer
 * following the log there (projection/pg-writer.ts), the metrics restored from its rows once it has
 * caught up at the start (projection/pg-restore.ts), and the stores that read its tables made to wait
 * for it (read-your-writes, as the SQLite file's read barrier does).
 */
import type { DossierContext } from './domain/dossier.js';
import type { ProjectionStore } from './db/projection-store/contract.js';

export type { ProjectionStore };
import type { ItemStore } from './db/item-store/contract.js';
import type { OfficialsStore } from './db/officials-store/contract.js';
import type { Logger } from './logger.js';
import type { MetricsEngine } from './metrics/engine.js';
import type { EarlyWarningIndex } from './metrics/early-warning-index.js';
import { restoreMetricsFromPostgres } from './projection/pg-restore.js';
import { startPgProjectionWriter, type PgProjectionWriter } from './projection/pg-writer.js';

export interface PgProjections {
  writer: PgProjectionWriter;
  /** Settles once the writer caught up with the log and the metrics are restored from its rows. */
  ready: Promise<void>;
}

/** The writer and the restore on `store` when given (RuntimeOptions.projection); undefined: the file's projections serve. */
export function pgProjectionsOn(
  store: ProjectionStore | undefined,
  p: { ctx: DossierContext; logger: Logger; flushMs?: number; engine: MetricsEngine; warnings: EarlyWarningIndex; now(): number },
): PgProjections | undefined {
  if (!store) return undefined;
  const writer = startPgProjectionWriter({ store, ctx: p.ctx, logger: p.logger, flushMs: p.flushMs });
  const ready = writer.started.then(() => restoreMetricsFromPostgres(store, p.engine, p.warnings, p.now()));
  return { writer, ready };
}

/** Lists, item pages and the officials' pages read the PostgreSQL writer's tables: after it caught up with this node's log. */
export function storesAfterWriter<S extends { items?: ItemStore; officials?: OfficialsStore }>(
  stores: S,
  pg: PgProjections | undefined,
): S {
  if (!pg) return stores;
  const sync = () => pg.writer.sync();
  return {
    ...stores,
    items: stores.items && readsAfter(stores.items, sync),
    officials: stores.officials && readsAfter(stores.officials, sync, ['windowSteps']),
  };
}

/**
 * `store` whose reads first wait for the projection writer to reach what this node logged (`sync`):
 * its functions answering promises, `iterables` answering async iterables, and its nested objects'
 * functions (the item store's unitDetail). `engine` and `close` are left as they are.
 */
export function readsAfter<T extends object>(store: T, sync: () => Promise<void>, iterables: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    if (key === 'close' || key === 'engine') out[key] = typeof value === 'function' ? (value as () => unknown).bind(store) : value;
    else if (typeof value === 'function') {
      const fn = value as (...a: unknown[]) => unknown;
      out[key] = iterables.includes(key)
        ? async function* (...a: unknown[]) {
            await sync();
            yield* fn.apply(store, a) as AsyncIterable<unknown>;
          }
        : async (...a: unknown[]) => {
            await sync();
            return fn.apply(store, a);
          };
    } else if (value !== null && typeof value === 'object') out[key] = readsAfter(value, sync);
    else out[key] = value;
  }
  return out as T;
}
