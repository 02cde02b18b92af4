/**
 * A web node (NODE_ROLE=web): serves the client, REST reads from the shared SQLite file and sockets.
 * It runs no projection writer, simulator, metrics engine or clock tick: the ingest node owns those,
 * its deltas, alerts and clock reach this node's sockets through Redis, the reads that need its live
 * metrics are forwarded to it (forward-reads.ts) and a subscription's snapshot is asked of it.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';
import { openDatabase } from '../db/connection.js';
import { createStore, type Store } from '../db/store.js';
import { DEFAULT_CALENDAR_DIR, loadCalendarYears } from '../config/calendar-loader.js';
import { loadProcedureLegalDays } from '../config/procedure-catalogue.js';
import { createWorkCalendar } from '../domain/calendar.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../domain/types.js';
import { jurisdictionDirOf, jurisdictionIndex, loadJurisdiction } from '../geo/jurisdiction-loader.js';
import { resolveBoundaries, resolveProvinceBoundaries } from '../geo/boundaries-store.js';
import { jurisdictionScopes, provinceParents } from '../metrics/scope-rollup.js';
import { MetricsEngine } from '../metrics/engine.js';
import type { ScopeKey } from '../metrics/types.js';
import type { IngestService } from '../ingest/service.js';
import { createDetailService } from '../http/detail-service.js';
import { createApp, type App, type SecuritySettings } from '../app.js';
import { HttpError } from '../errors.js';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { noWarnings, windowsOnly } from './remote-engine.js';
import { forwardEngineReads } from './forward-reads.js';
import { remoteLiveSnapshot } from './live-snapshot-route.js';
import { sharedAuth } from './shared-auth.js';
import { useRedisAdapter } from './socket-fanout.js';
import type { RedisClient } from './redis.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface WebRuntimeOptions {
  dbFile: string;
  clock: Clock;
  logger: Logger;
  build: string;
  redis: RedisClient;
  /** The deployment's Redis key prefix (REDIS_KEY_PREFIX), the same on every node of it. */
  redisKeyPrefix: string;
  /** The ingest node (http://host:port) and the cluster's secret for its internal route. */
  ingestUrl: string;
  secret: string;
  clockTickMs?: number;
  sourceSilentMs?: number;
  boundariesDir?: string;
  /** The jurisdiction pack (JURISDICTION), the ingest node's: `hcmc` (default) or `vn`. */
  jurisdiction?: string;
  calendarDir?: string;
  clientDir?: string | null;
  security?: Partial<SecuritySettings>;
  authClock?: Clock;
}

export interface WebRuntime {
  app: App;
  store: Store;
  close(): Promise<void>;
}

const NOT_HERE = 'this node (NODE_ROLE=web) does not ingest: send events to the ingest node';

/** Ingest on a web node: refused before anything is read, with where to send instead. */
const refuseIngest: RequestHandler = (_req, _res, next) => next(new HttpError(421, 'not_ingest_node', NOT_HERE));
const noIngest = new Proxy({} as IngestService, {
  get: () => () => {
    throw new HttpError(421, 'not_ingest_node', NOT_HERE);
  },
});

export function createWebRuntime(opts: WebRuntimeOptions): WebRuntime {
  const { clock, logger } = opts;
  const settings = DEFAULT_DOMAIN_SETTINGS;
  const calendarDir = opts.calendarDir ?? DEFAULT_CALENDAR_DIR;
  const calendarYears = loadCalendarYears(calendarDir);
  const calendar = createWorkCalendar(calendarYears, settings.officeHours);
  const jurisdictionName = opts.jurisdiction ?? 'hcmc';
  const jurisdictionDir = jurisdictionDirOf(jurisdictionName);
  const jurisdiction = loadJurisdiction(jurisdictionDir, jurisdictionName);
  const index = jurisdictionIndex(jurisdiction);
  const scopeOf = (code: string): ScopeKey | null => index.scopeOf(code);
  const now = () => clock.now();
  // Reads see what the ingest node's projection writer committed (no read barrier: nothing is logged here).
  const store = createStore(openDatabase(opts.dbFile), opts.dbFile);
  const scopes = jurisdictionScopes(jurisdiction);
  // The same scopes and province level as the ingest node's engine (its figures reach this one's reads).
  const parentOf = provinceParents(jurisdiction.units);
  const engine = windowsOnly(new MetricsEngine({ calendar, settings, scopeOf, parentOf, now, scopes }));
  const details = createDetailService({
    dbFile: opts.dbFile,
    read: store.read,
    officials: store.officials,
    calendar,
    calendarYears,
    settings,
  });
  const clientDir = opts.clientDir === undefined ? resolve(ROOT, 'dist/client') : opts.clientDir;
  const app = createApp({
    store,
    metrics: engine,
    warnings: noWarnings(),
    ingest: noIngest,
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
    clientDir: clientDir && existsSync(clientDir) ? clientDir : null,
    clockTickMs: opts.clockTickMs ?? 5_000,
    sourceSilentMs: opts.sourceSilentMs ?? 10 * 60_000,
    calendarYears: calendarYears.map((y) => y.year),
    procedureLegalDays: loadProcedureLegalDays(),
    calendarFiles: { dir: calendarDir, loaded: calendarYears },
    security: opts.security,
    authNow: () => (opts.authClock ?? systemClock).now(),
    ingestAdmission: refuseIngest,
    cluster: {
      ...sharedAuth(opts.redis, opts.redisKeyPrefix),
      forwardEngineReads: forwardEngineReads(opts.ingestUrl),
      remoteSnapshot: remoteLiveSnapshot(opts.ingestUrl, opts.secret),
    },
  });
  useRedisAdapter(app.io, opts.redis, opts.redisKeyPrefix);
  return {
    app,
    store,
    async close() {
      await app.close();
      await details.close();
      store.close();
    },
  };
}
