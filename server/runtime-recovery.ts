/**
 * The start-up steps of the runtime that bring the store and the metrics back: older rows brought up to
 * date, the metrics restored from the projections, and the recovery after an unclean stop.
 */
import type { Store } from './db/store.js';
import type { DomainSettings, DossierState, TaskState, WorkCalendar } from './domain/types.js';
import type { FinishedGroupSink } from './db/projections-repo.js';
import type { MetricsEngine } from './metrics/engine.js';
import type { EarlyWarningIndex } from './metrics/early-warning-index.js';
import { backfillOverdueSpans } from './projection/overdue-backfill.js';
import { backfillBuckPassing } from './projection/buck-passing-backfill.js';
import type { RecoveryProgress } from './projection/projector.js';

export type { RecoveryProgress };
import type { ProjectionWriter } from './projection/writer.js';
import type { Logger } from './logger.js';

/** Recovery progress goes to the log at most this often. */
const RECOVERY_LOG_EVERY_MS = 1_000;

/** Brings rows written by an older version up to what is kept now, before anything reads them. */
export function backfillOlderRows(store: Store, ctx: { calendar: WorkCalendar; settings: DomainSettings }, logger: Logger): void {
  // Rows older than the overdue spans get theirs first: a refold after a crash rewrites only spans that moved.
  const backfilled = backfillOverdueSpans(store, ctx, (done) => logger.info({ dossiers: done }, 'overdue spans filled in for older rows'));
  if (backfilled > 0) logger.info({ dossiers: backfilled }, 'overdue spans of older rows filled in');
  // And their buck-passing cases (the finished ones' counts are read by the restore).
  const casesFound = backfillBuckPassing(store, ctx, (done) => logger.info({ dossiers: done }, 'buck-passing cases found in older rows'));
  if (casesFound > 0) logger.info({ dossiers: casesFound }, 'buck-passing cases of older rows found');
}

/** Loads the metrics and the early warning from the projections (they must be up to date with the log). */
export function restoreMetrics(store: Store, engine: MetricsEngine, warnings: EarlyWarningIndex, now: number): void {
  store.projections.forEachFinishedGroup(finishedGroupsInto(engine));
  for (const s of store.projections.iterateOpenDossiers()) restoreOpenDossier(engine, warnings, s);
  for (const t of store.projections.iterateTasks()) restoreTask(engine, warnings, t);
  endRestore(engine, warnings, now);
}

/** The restore's parts, for another engine's rows (projection/pg-restore.ts): finished dossiers as counts per group. */
export function finishedGroupsInto(engine: MetricsEngine): FinishedGroupSink {
  return {
    received: (code, day, online, n) => engine.finished.received(code, day, online, n),
    ended: (code, day, outcome, bin, n) => engine.finished.ended(code, day, outcome, bin, n),
    apologies: (code, days, n) => engine.finished.apologies(code, days, n),
    buckPassing: (code, day, cases) => engine.finished.buckPassing(code, day, cases),
    index: (code, day, bits, late, n) => engine.finished.index(code, day, bits, late, n),
  };
}

export function restoreOpenDossier(engine: MetricsEngine, warnings: EarlyWarningIndex, s: DossierState): void {
  engine.loadOpenDossier(s);
  warnings.applyDossier(s);
}

export function restoreTask(engine: MetricsEngine, warnings: EarlyWarningIndex, t: TaskState): void {
  engine.loadTask(t);
  warnings.applyTask(t);
}

/** After the rows are loaded: the clocks advanced to `now`. */
export function endRestore(engine: MetricsEngine, warnings: EarlyWarningIndex, now: number): void {
  // What turned overdue or at risk while the server was down is not pushed (nobody was listening).
  engine.advance(now);
  warnings.advance(now);
  engine.drainChanged();
}

/** Settles when the metrics are restored; `progress()` says how far the recovery before it is (null: none or done). */
export interface Recovery {
  ready: Promise<void>;
  progress(): RecoveryProgress | null;
}

/**
 * After an unclean stop: waits for the projection writer to recover the log's tail, logging its progress
 * (at most every RECOVERY_LOG_EVERY_MS), then restores the metrics. `progress()` is null once ready.
 */
export function recoverThenRestore(
  projections: ProjectionWriter,
  { projectedSeq, loggedSeq }: { projectedSeq: number; loggedSeq: number },
  restore: () => void,
  restoreMs: () => number,
  logger: Logger,
): Recovery {
  let progress: RecoveryProgress | null = { done: 0, total: 0, events: 0, eventsTotal: loggedSeq - projectedSeq, elapsedMs: 0 };
  logger.warn({ projectedSeq, loggedSeq }, 'unclean stop: the projections are behind the event log; recovering them before serving');
  let lastLog = performance.now();
  projections.onRecoveryProgress((p) => {
    progress = p;
    if (performance.now() - lastLog < RECOVERY_LOG_EVERY_MS) return;
    lastLog = performance.now();
    logger.info({ done: p.done, total: p.total, events: p.events, eventsTotal: p.eventsTotal }, `recovering: ${formatProgress(p)}`);
  });
  const ready = projections.recovered.then(
    (p) => {
      restore();
      progress = null;
      logger.info(
        { items: p.done, events: p.events, recoveryMs: Math.round(p.elapsedMs), restoreMs: Math.round(restoreMs()) },
        `recovered: ${p.done.toLocaleString('en-US')} dossiers and tasks refolded from the log in ${(p.elapsedMs / 1000).toFixed(1)} s; ready ${(restoreMs() / 1000).toFixed(1)} s after the start`,
      );
    },
    (err: Error) => {
      logger.error({ err }, 'recovery of the projections failed');
      throw err;
    },
  );
  return { ready, progress: () => progress };
}

/**
 * How the metrics come back at a start: from PostgreSQL's projections once its writer caught up (`pgReady`,
 * runtime-pg-projections.ts); from the file's at once after a clean stop; after the projection writer's
 * recovery of the log's tail after an unclean one.
 */
export function startRecovery(p: {
  pgReady: Promise<void> | undefined;
  projections: ProjectionWriter;
  projectedSeq: number;
  loggedSeq: number;
  restore(): void;
  restoreMs(): number;
  logger: Logger;
}): Recovery {
  if (p.pgReady) return { ready: p.pgReady, progress: () => null };
  if (p.loggedSeq <= p.projectedSeq) {
    p.restore();
    return { ready: Promise.resolve(), progress: () => null };
  }
  return recoverThenRestore(p.projections, p, p.restore, p.restoreMs, p.logger);
}

/** "12,000 / 50,000 dossiers and tasks refolded (24%)". */
export function formatProgress(p: RecoveryProgress): string {
  const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0;
  return `${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} dossiers and tasks refolded (${pct}%)`;
}
