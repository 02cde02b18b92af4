import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { openDatabase } from './db/connection.js';
import { loadProcedureLegalDays } from './config/procedure-catalogue.js';
import { createStore, type Store } from './db/store.js';
import { DEFAULT_CALENDAR_DIR, loadCalendarYears } from './config/calendar-loader.js';
import { createWorkCalendar } from './domain/calendar.js';
import { DEFAULT_DOMAIN_SETTINGS, type DomainSettings, type Jurisdiction, type WorkCalendar } from './domain/types.js';
import { jurisdictionDirOf, jurisdictionIndex, loadJurisdiction } from './geo/jurisdiction-loader.js';
import { jurisdictionScopes, provinceParents } from './metrics/scope-rollup.js';
import { resolveBoundaries, resolveProvinceBoundaries } from './geo/boundaries-store.js';
import { MetricsEngine, type AppliedFootprints } from './metrics/engine.js';
import { EarlyWarningIndex } from './metrics/early-warning-index.js';
import { atRiskClock } from './realtime/at-risk-ledger.js';
import type { AtRiskStore } from './db/at-risk-store/contract.js';
import { createSqliteAtRiskStore } from './db/at-risk-store/sqlite-at-risk-store.js';
import { backfillOlderRows, restoreMetrics, startRecovery, type RecoveryProgress } from './runtime-recovery.js';
import type { ScopeKey } from './metrics/types.js';
import { createIngestService, type IngestService } from './ingest/service.js';
import { createWriteBehind } from './projection/write-behind.js';
import { recoveringError } from './http/errors.js';
import { HISTORY_MAX_LAG_EVENTS, MAX_LAG_EVENTS, startProjectionWriter, type ProjectionWriter } from './projection/writer.js';
import { closeInterruptedHistoryLoad, createHistoryLoad, type HistoryLoad } from './ingest/history-load.js';
import { createHistoryLoadProgress, type HistoryLoadProgressDeps } from './ingest/history-load-progress.js';
import { createHistoryApplies } from './metrics/history-applies.js';
import { createHistoryRows } from './metrics/history-rows.js';
import { createIngestAdmission } from './ingest/admission.js';
import { gracefulClose, SHUTDOWN_GRACE_MS } from './graceful-close.js';
import { WriteGate } from './db/write-gate.js';
import type { BootstrapKey } from './ingest/keys.js';
import { createSqliteAccessStore } from './db/access-store/sqlite-access-store.js';
import { seedIngestKeys } from './auth/start-access.js';
import { createApp, type App, type AppDeps, type SecuritySettings } from './app.js';
import { createDetailService } from './http/detail-service.js';
import { systemClock, type Clock } from './clock.js';
import type { Logger } from './logger.js';
import { startLiveScheduler } from './scheduler.js';
import type { HeapMode } from './heap-mode.js';
import { serverCheckpointWriter, type CheckpointWriter } from './replay/checkpoint-writer.js';
import { countersBehind, startCheckpointLoop } from './replay/checkpoint-loop.js';
import { createDailyJumpSweep } from './data-trust/daily-sweep.js';
import { HISTORY_UNTIL_KEY } from './projection/data-trust-rows.js';
import { createOpsMetrics } from './observability/ops-metrics.js';
import { registerStoreGauges } from './observability/ops-gauges.js';
import type { RedisClient } from './cluster/redis.js';
import { sharedAuth } from './cluster/shared-auth.js';
import { startRoomSweep, useRedisAdapter } from './cluster/socket-fanout.js';
import { asyncIngestOn, latestStatesOf, type WritePath } from './runtime-write-path.js';
import { pgProjectionsOn, storesAfterWriter, type ProjectionStore } from './runtime-pg-projections.js';
import { CLOCK_SKEW_RESTORE_EVENTS, createClockSkewTracker, DEFAULT_CLOCK_SKEW_WARN_MS } from './metrics/clock-skew.js';
import { restoreClockSkew, skewAfterHistory } from './metrics/clock-skew.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The stores another engine may hold (PostgreSQL, issue 17): users, sources and audit; lists and item
 * pages; walls; officials; requests; the overview's past reads; data trust; the service index's closed periods and the portal's figures. The SQLite file's where not given.
 */
type EngineStores = Pick<AppDeps, 'access' | 'items' | 'walls' | 'officials' | 'requests' | 'past' | 'dataTrust' | 'index'>;

export interface RuntimeOptions extends EngineStores {
  /** The early warning's pushed alerts on another engine (PostgreSQL); the SQLite file's where not given. */
  atRisk?: AtRiskStore;
  dbFile: string;
  /** The event log and the quarantine on PostgreSQL (issue 17 slice 1): ingest logs there (runtime-write-path.ts); the file's when not given. */
  write?: WritePath['write'];
  /** The projection writer's store on PostgreSQL (with `write` there): its tables written, the metrics restored from them. */
  projection?: ProjectionStore;
  clock: Clock;
  logger: Logger;
  build: string;
  ingestKeys?: BootstrapKey[];
  settings?: DomainSettings;
  deltaFlushMs?: number;
  clockTickMs?: number;
  sourceSilentMs?: number;
  boundariesDir?: string;
  /** The jurisdiction pack (JURISDICTION): `hcmc` (default) or `vn`, found by jurisdictionDirOf. */
  jurisdiction?: string;
  /** The working calendar's YYYY.json files (CALENDAR_DIR; default fixtures/calendar), read once at start. */
  calendarDir?: string;
  /** Directory of the built client; null to serve the API only. */
  clientDir?: string | null;
  /** Access control and hardening settings (defaults: app.ts DEFAULT_SECURITY). */
  security?: Partial<SecuritySettings>;
  /** Wall-clock time for sessions, lockouts and rate limits; the system clock by default (the demo clock may run fast). */
  authClock?: Clock;
  /** How long the projection writer holds writes back to coalesce them (projection/writer.ts). */
  projectionFlushMs?: number;
  /** Ingest answers 503 `backpressure` while the projection writer lags more events than this (INGEST_MAX_LAG_EVENTS). */
  ingestMaxLagEvents?: number;
  /** Items a replay may refold per answer (replay/state-at.ts MAX_REPLAY_ITEMS; tests lower it). */
  replayMaxItems?: number;
  /** How often the time machine's checkpoint writer looks for work, ms (default 30 s; 0: never, bench/replay-ingest.ts's "off"). */
  replayCheckpointPeriodMs?: number;
  /** How long close() waits for in-flight ingest batches before cutting them off (SHUTDOWN_GRACE_MS). */
  shutdownGraceMs?: number;
  /** A source's clock skew past this (either way) is shown as a warning (CLOCK_SKEW_WARN_MINUTES). */
  clockSkewWarnMs?: number;
  /**
   * Several nodes (REDIS_URL): sockets fan out through Redis, lockouts, sessions and rate limits live there; with `secret`
   * (NODE_ROLE=ingest) web nodes ask this node for their subscribers' snapshots.
   */
  cluster?: { redis: RedisClient; secret?: string; keyPrefix: string };
  /** V8's heaps for memory while ingest is quiet (server/heap-mode.ts): told of every applied batch. */
  heapMode?: Pick<HeapMode, 'applied'>;
}

export interface Runtime {
  app: App;
  store: Store;
  engine: MetricsEngine;
  /** The time machine's checkpoint writer (its timer: replayCheckpointPeriodMs). */
  replay: CheckpointWriter;
  /** The early warning's live side: forecast counters, the at-risk clock, the candidates of the lists. */
  warnings: EarlyWarningIndex;
  /** The history load (npm run import's batches) running now, if any (ingest/history-load.ts). */
  historyLoad: HistoryLoad;
  ingest: IngestService;
  /** The ingest path on the PostgreSQL write store (RuntimeOptions.write), which the ingest routes use; null: the file's (`ingest`). */
  asyncIngest: WritePath['service'] | null;
  /** Writes the projections behind the log; `sync()` waits until they caught up. */
  projections: ProjectionWriter;
  jurisdiction: Jurisdiction;
  calendar: WorkCalendar;
  settings: DomainSettings;
  scopeOf(code: string): ScopeKey | null;
  /**
   * Settles once the server can serve: at once after a clean stop; after an unclean one, when the
   * projection writer has recovered the log's tail and the metrics are restored (the HTTP server may
   * listen before: it answers 503 `recovering` meanwhile). Rejects if the recovery failed.
   */
  ready: Promise<void>;
  /** How far the recovery at start is while it runs; null when there is none (or it is done). */
  recovering(): RecoveryProgress | null;
  /** Milliseconds it took to rebuild metrics from the store at start (projection recovery included); NaN until ready. */
  readonly restoreMs: number;
  /** Graceful: refuses new ingest, lets in-flight batches finish, flushes the projections, then closes (graceful-close.ts). */
  close(): Promise<void>;
}

/**
 * Default lag (events) over which ingest answers 503: half the writer's hard bound (MAX_LAG_EVENTS, where
 * ingest would block on the writer instead), so a source is told to wait before anything stalls.
 */
const DEFAULT_MAX_LAG_EVENTS = MAX_LAG_EVENTS / 2;
/** The same for history-load batches, below the writer's bound for them by a pass's worth and a half. */
const HISTORY_ADMISSION_LAG_EVENTS = HISTORY_MAX_LAG_EVENTS - 50_000;

// Long by design: the composition root builds the parts in the order they depend on each other (store,
// metrics, projection writer, recovery, ingest, app, live scheduler); each step is one call or a named helper below.
/** The stores given on another engine (PostgreSQL) for the app's reads; SQLite's file serves the others. */
const OTHER_ENGINE_STORES = ['items', 'walls', 'officials', 'requests', 'past', 'dataTrust', 'index'] as const;
const otherEngineStores = (o: RuntimeOptions) =>
  Object.fromEntries(OTHER_ENGINE_STORES.map((k) => [k, o[k]])) as Pick<RuntimeOptions, (typeof OTHER_ENGINE_STORES)[number]>;

/**
 * Builds the whole server from its parts: store, domain, metrics restored from the projections,
 * the ingest path, the HTTP/Socket.IO app. Listening is left to the caller.
 */
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function createRuntime(opts: RuntimeOptions): Runtime {
  const { clock, logger } = opts;
  const settings = opts.settings ?? DEFAULT_DOMAIN_SETTINGS;
  const calendarDir = opts.calendarDir ?? DEFAULT_CALENDAR_DIR;
  // Read once: every thread (main, projection writer, detail workers) works with these years until a restart.
  const calendarYears = loadCalendarYears(calendarDir);
  const calendar = createWorkCalendar(calendarYears, settings.officeHours);
  const jurisdictionName = opts.jurisdiction ?? 'hcmc';
  const jurisdictionDir = jurisdictionDirOf(jurisdictionName);
  const jurisdiction = loadJurisdiction(jurisdictionDir, jurisdictionName);
  const index = jurisdictionIndex(jurisdiction);
  const scopeOf = (code: string): ScopeKey | null => index.scopeOf(code);
  const ctx = { calendar, settings };
  const now = () => clock.now();

  const db = openDatabase(opts.dbFile);
  // Checkpoints run on the projection writer's connection, after its commits, never inside an ingest
  // commit (copying 64 MiB of WAL back into the file would stall the answer to a batch).
  db.pragma('wal_autocheckpoint = 0');
  const gate = new WriteGate(WriteGate.createBuffer());
  const store = createStore(db, opts.dbFile, { gate, priority: true });
  // INGEST_KEYS go where ingest checks keys (either engine); the runtime is ready once they are stored.
  const access = opts.access ?? createSqliteAccessStore(store);
  const keysSeeded = seedIngestKeys(access.sources, opts.ingestKeys ?? [], now());

  const scopes = jurisdictionScopes(jurisdiction);
  // A national pack's communes also count in their province (scope-rollup.ts); a city pack has no such level.
  const parentOf = provinceParents(jurisdiction.units);
  const engine = new MetricsEngine({ calendar, settings, scopeOf, parentOf, now, scopes });
  const warnings = new EarlyWarningIndex({ calendar, settings, scopeOf, now });
  const t0 = performance.now();
  const pgProjections = pgProjectionsOn(opts.projection, { ctx, logger, flushMs: opts.projectionFlushMs, engine, warnings, now });
  backfillOlderRows(store, ctx, logger);
  const restore = () => {
    restoreMetrics(store, engine, warnings, now());
    restoreMs = performance.now() - t0;
  };
  let restoreMs = NaN;

  // Before the writer starts: its recovery reads data trust's history mark.
  closeInterruptedHistoryLoad(store.meta, () => store.events.lastArrival());
  const projectedSeq = store.projections.projectedSeq();
  const loggedSeq = store.events.maxSeq();
  const projections = startProjectionWriter({
    dbFile: opts.dbFile,
    settings,
    calendarYears,
    projectedSeq,
    loggedSeq,
    gate,
    flushMs: opts.projectionFlushMs,
    logger,
  });
  store.setReadBarrier(() => projections.sync());
  // Where the projections are, for the daily-jump sweep (it waits for them rather than forcing them).
  let projectedMark = projectedSeq;
  projections.onProjected((seq) => (projectedMark = seq));

  // A crash may have left the projections behind the log. The projection writer recovers them on its
  // thread (Projector.recover: its own passes, batched); meanwhile the metrics stay empty and the app
  // answers 503 `recovering`, with the progress on /health.
  const pgReady = pgProjections?.ready.then(() => void (restoreMs = performance.now() - t0));
  const recovery = startRecovery({ pgReady, projections, projectedSeq, loggedSeq, restore, restoreMs: () => restoreMs, logger });
  const ready = Promise.all([recovery.ready, keysSeeded]).then(() => {});

  // The one owner of the latest known state of every dossier and task (and of the read-your-writes rule).
  const latest = createWriteBehind({ store, projections });
  // The live scheduler (started below, once the app exists) flushes soon after an applied event.
  let metricsChanged = (): void => {};
  // Operating figures (GET /metrics) and per-source clock skew, refilled from the log's tail.
  const ops = createOpsMetrics();
  const clockSkew = createClockSkewTracker();
  restoreClockSkew(clockSkew, store.events.tailSkews(CLOCK_SKEW_RESTORE_EVENTS));
  // A source's skew is over the events after the last history load (none while one runs).
  const skewOf = skewAfterHistory(clockSkew, () => store.meta.get(HISTORY_UNTIL_KEY));
  // Dossiers changed by history-load batches: the early warning takes them once, at the load's end.
  const historyDossiers = new Set<string>();
  // And the metrics engine once per few seconds (the dashboard follows the load that closely).
  const historyApplies = createHistoryApplies({
    apply: (prev, next) => engine.applyDossier(prev, next),
    flushed: () => metricsChanged(),
  });
  // A history load's dossiers are folded by the writer alone: the engine takes them from its rows after
  // each pass, and the early warning once the load ended and its last pass is in (after the write-behind's
  // listener above, which marks them folded).
  const historyRows = createHistoryRows({
    latest: (id) => latest.peekDossier(id),
    row: (id) => store.projections.getDossier(id),
    snapshot: (fn) => store.snapshot(fn),
    apply: (prev, next) => engine.applyDossier(prev, next),
    applied: () => metricsChanged(),
    settled(dossiers) {
      for (const [id, finished] of dossiers) {
        // A dossier the load finished and the early warning never watched changes nothing there (it keeps
        // open dossiers only): its row is not read back (≈ 250,000 reads at the end of a 1M-event load).
        if (finished && !warnings.watches(id)) continue;
        const state = latest.dossier(id);
        if (state) warnings.applyDossierLater(state);
      }
      metricsChanged();
    },
  });
  projections.onProjected((seq) => historyRows.projected(seq));
  // What the screens show of it ("Đang nạp lịch sử"), until the writer has projected its last batch.
  let publishHistoryLoad: HistoryLoadProgressDeps['publish'] = () => {};
  const historyProgress = createHistoryLoadProgress({
    loggedSeq: () => store.events.maxSeq(),
    projectedSeq: () => projectedMark,
    publish: (state) => publishHistoryLoad(state),
  });
  projections.onProjected((seq) => historyProgress.projected(seq));
  const historyLoad = createHistoryLoad({
    // Through the write gate: the writer's long history transactions and WAL checkpoints hold SQLite's
    // lock for longer than the busy timeout allows a bare statement to wait (SQLITE_BUSY, seen in the bench).
    meta: { get: (key) => store.meta.get(key), set: (key, value) => store.transaction(() => store.meta.set(key, value)) },
    writer: projections,
    now,
    onEnd() {
      historyApplies.flush();
      for (const id of historyDossiers) {
        const state = latest.dossier(id);
        if (state) warnings.applyDossierLater(state);
      }
      historyDossiers.clear();
      metricsChanged();
      historyRows.ended();
      latest.historyEnded();
      historyProgress.ended();
    },
  });
  const replayWriter = serverCheckpointWriter(store, ctx);
  const validation = { isKnownCode: (code: string) => index.scopeOf(code) !== null, jurisdictionName: jurisdiction.name };
  const service = createIngestService({
    store,
    domain: ctx,
    now,
    ...validation,
    latest,
    clockSkew,
    onHistoryLogged(dossiers) {
      // Ingest runs hot (heap-mode.ts): without this, a load's heaps stayed sized for memory (GC ×2.4).
      opts.heapMode?.applied(dossiers.size);
      historyRows.logged(dossiers);
    },
    beforeHistoryLog: (id) => historyRows.before(id),
    onApplied(changes) {
      // A live batch's `prev` is the latest state: what a history load's batches changed goes first.
      if (!changes.history) historyApplies.flush();
      metricsChanged();
      opts.heapMode?.applied(changes.dossiers.length + changes.tasks.length);
      // The engine's footprints of a live batch's dossiers: the time machine's follower takes them, not computes them again.
      const footprints: AppliedFootprints[] | undefined = changes.history ? undefined : [];
      for (const d of changes.dossiers) {
        // After the answer: at the next read of the early warning or the next clock step, whichever comes first.
        if (changes.history) {
          historyApplies.add(d.prev, d.next);
          historyDossiers.add(d.next.id);
        } else {
          footprints?.push(engine.applyDossier(d.prev, d.next));
          historyRows.appliedLive(d.next.id);
          warnings.applyDossierLater(d.next);
        }
      }
      for (const t of changes.tasks) {
        engine.applyTask(t.prev, t.next);
        warnings.applyTask(t.next);
      }
      replayWriter.applied(footprints ? { ...changes, footprints } : changes);
    },
  });
  // Nothing is logged during a recovery: its states would fold onto rows still being rewritten.
  const ingest: IngestService = {
    ...service,
    ingest(source, kind, events, opts) {
      const progress = recovery.progress();
      if (progress) throw recoveringError(progress);
      if (opts?.history) {
        historyLoad.batch();
        historyProgress.batch(source.name, events.length, now());
      }
      const results = service.ingest(source, kind, events, opts);
      ops.recordBatch(kind, results);
      return results;
    },
  };

  const liveParts = { engine, warnings, clockSkew, ops, heapMode: opts.heapMode, changed: () => metricsChanged() };
  const onWriteStore = asyncIngestOn(opts.write, { ...liveParts, ...validation, domain: ctx, now, logged: pgProjections?.writer.logged });
  const engineStores = storesAfterWriter(otherEngineStores(opts), pgProjections);
  const projectionLag = pgProjections?.writer.lag ?? (() => projections.lag());

  const nameOf = (code: string) => index.unitByCode.get(code)?.fullName ?? index.departmentByCode.get(code)?.name ?? code;
  const clockTickMs = opts.clockTickMs ?? 5_000;
  const details = createDetailService({
    dbFile: opts.dbFile,
    read: store.read,
    officials: store.officials,
    calendar,
    calendarYears,
    settings,
    beforeRead: () => projections.sync(),
    unitReads: engineStores.items?.engine === 'postgres' ? engineStores.items.unitDetail : undefined,
    officialsReads: engineStores.officials?.engine === 'postgres' ? engineStores.officials : undefined,
  });
  const admission = createIngestAdmission({
    lag: projectionLag,
    maxLagEvents: opts.ingestMaxLagEvents ?? DEFAULT_MAX_LAG_EVENTS,
    historyMaxLagEvents: Math.max(opts.ingestMaxLagEvents ?? 0, HISTORY_ADMISSION_LAG_EVENTS),
  });
  const clientDir = opts.clientDir === undefined ? resolve(ROOT, 'dist/client') : opts.clientDir;
  const app = createApp({
    store,
    access,
    ...engineStores,
    metrics: engine,
    warnings,
    ingest,
    asyncIngest: onWriteStore,
    jurisdiction,
    scopeOf,
    calendar,
    settings,
    now,
    logger,
    build: opts.build,
    boundaries: () => resolveBoundaries(jurisdictionName, { boundariesDir: opts.boundariesDir, jurisdictionDir }),
    provinceBoundaries: () => resolveProvinceBoundaries(jurisdictionName, jurisdictionDir),
    details,
    clientDir: clientDir && existsSync(clientDir) ? clientDir : clientDir,
    clockTickMs,
    sourceSilentMs: opts.sourceSilentMs ?? 10 * 60_000,
    calendarYears: calendarYears.map((y) => y.year),
    procedureLegalDays: loadProcedureLegalDays(),
    calendarFiles: { dir: calendarDir, loaded: calendarYears },
    security: opts.security,
    authNow: () => (opts.authClock ?? systemClock).now(),
    recovering: recovery.progress,
    historyLoad: historyProgress.state,
    projectionLagEvents: projectionLag,
    ingestAdmission: admission.admit,
    ops,
    clockSkew: { of: skewOf, warnMs: opts.clockSkewWarnMs ?? DEFAULT_CLOCK_SKEW_WARN_MS },
    replayMaxItems: opts.replayMaxItems,
    cluster: opts.cluster && { ...sharedAuth(opts.cluster.redis, opts.cluster.keyPrefix), ingestSecret: opts.cluster.secret },
  });
  publishHistoryLoad = (state) => app.hub.publishHistoryLoad(state);
  if (opts.cluster) useRedisAdapter(app.io, opts.cluster.redis, opts.cluster.keyPrefix);
  const roomSweep = opts.cluster?.secret ? startRoomSweep(app.io, app.hub, logger) : null;
  registerStoreGauges(ops.registry, {
    projectionLagEvents: () => projections.lag(),
    dbFile: opts.dbFile,
    databaseBytes: () => store.sizeBytes(),
    sourceSkews: () =>
      store.sources
        .list()
        .filter((s) => s.revokedAt === null)
        .map((s) => ({ name: s.name, kind: s.kind, ...skewOf(s.id) })),
  });
  // The live path's timers: the metrics clock advanced and the hub flushed every DELTA_FLUSH_MS and soon after each applied event (scheduler.ts), the clock ticked every CLOCK_TICK_MS.
  // An `at_risk` alert goes out once per dossier and due date, across restarts (the at-risk store, either engine).
  const atRisk = atRiskClock({ warnings, store: opts.atRisk ?? createSqliteAtRiskStore(store), now, logger });
  const live = startLiveScheduler({
    metrics: engine,
    atRisk,
    now,
    alertSources: { ...latestStatesOf(onWriteStore, latest), unitName: nameOf },
    hub: {
      publishAlert: (a) => app.hub.publishAlert(a),
      tick: () => app.hub.tick(),
      flush() {
        const t0 = performance.now();
        app.hub.flush();
        ops.observeFlush((performance.now() - t0) / 1000);
      },
    },
    requests: app.requests,
    onSweepError: (err) => logger.warn({ err }, 'the overdue sweep of explanation requests failed; the next step retries'),
    dataTrust: createDailyJumpSweep({ ...ctx, trust: app.dataTrust, now, logger, caughtUp: () => projectedMark >= store.events.maxSeq() }),
    deltaFlushMs: opts.deltaFlushMs ?? 500,
    clockTickMs,
  });
  metricsChanged = live.changed;
  // The time machine's checkpoints (issue 16): written behind the log by a timer, then from the batches applied above.
  // After each run, the checkpoints' restored counters, once the city is large enough for them to pay (counters-writer.ts).
  const counters = countersBehind(store, ctx, scopeOf, jurisdiction, () => engine.openCount.dossiers);
  const loop = { periodMs: opts.replayCheckpointPeriodMs ?? 30_000, logger, after: counters };
  const checkpoints = startCheckpointLoop({ writer: replayWriter, ...loop, paused: () => historyLoad.active });

  return {
    app,
    store,
    engine,
    replay: replayWriter,
    warnings,
    historyLoad,
    ingest,
    asyncIngest: onWriteStore?.service ?? null,
    projections,
    jurisdiction,
    calendar,
    settings,
    scopeOf,
    ready,
    recovering: recovery.progress,
    get restoreMs() {
      return restoreMs;
    },
    close() {
      return gracefulClose({
        http: app.http,
        admission,
        projections,
        stopLive: () => {
          // A load cut by the shutdown ends here: its mark written, the writer's last pass a normal one.
          historyLoad.end();
          live.stop();
          roomSweep?.stop();
        },
        closeApp: () => app.close(),
        async closeStore() {
          await checkpoints.stop();
          await details.close();
          await pgProjections?.writer.close();
          await projections.close();
          store.close();
        },
        logger,
        graceMs: opts.shutdownGraceMs ?? SHUTDOWN_GRACE_MS,
      });
    },
  };
}
