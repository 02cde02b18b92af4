import express from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Store } from './db/store.js';
import type { CalendarYear, DomainSettings, Jurisdiction, WorkCalendar } from './domain/types.js';
import type { ScopeKey } from './metrics/types.js';
import type { Logger } from './logger.js';
import type { IngestService } from './ingest/service.js';
import { ingestRoutes } from './ingest/routes.js';
import { ingestPaths } from './ingest/ingest-paths.js';
import type { AsyncIngestService } from './ingest/async-ingest.js';
import type { WriteStore } from './db/write-store/contract.js';
import { createSqliteWriteStore } from './db/write-store/sqlite-write-store.js';
import { readRoutes, type ReadDeps } from './http/read-routes.js';
import { replayRoutes } from './http/replay-routes.js';
import { createStateAt, scopeKeysOf } from './replay/state-at.js';
import { healthRoutes, sourceFreshness, type SilenceSettings } from './http/health-routes.js';
import { calendarCoverage, type CalendarCoverage } from './domain/calendar-coverage.js';
import { staticClient } from './http/static.js';
import { wallRoutes } from './http/wall-routes.js';
import { canWatchScope, installDisplayAuth } from './realtime/display-auth.js';
import { errorHandler, HttpError, RECOVERING_RETRY_AFTER_S, recoveringError } from './http/errors.js';
import type { RecoveryProgress } from './projection/projector.js';
import { createHub, type IoServer, type MetricsSource } from './realtime/hub.js';
import { createLiveIndexFigures } from './metrics/live-index-figures.js';
import type { ClockTicked } from './realtime/events.js';
import { toVnIso } from './domain/time.js';
import { createAuditLog, type AuditLog } from './auth/audit.js';
import type { AccessStore } from './db/access-store/contract.js';
import { createSqliteAccessStore } from './db/access-store/sqlite-access-store.js';
import type { ItemStore } from './db/item-store/contract.js';
import { createSqliteItemStore } from './db/item-store/sqlite-item-store.js';
import type { OfficialsStore } from './db/officials-store/contract.js';
import type { RequestsStore } from './db/requests-store/contract.js';
import { createSqliteRequestsStore } from './db/requests-store/sqlite-requests-store.js';
import { createSqliteOfficialsStore } from './db/officials-store/sqlite-officials-store.js';
import type { PastStore } from './db/past-store/contract.js';
import { createSqlitePastStore } from './db/past-store/sqlite-past-store.js';
import type { DataTrustStore } from './db/data-trust-store/contract.js';
import { createSqliteDataTrustStore } from './db/data-trust-store/sqlite-data-trust-store.js';
import type { IndexStore } from './db/index-store/contract.js';
import { createSqliteIndexStore } from './db/index-store/sqlite-index-store.js';
import type { WallStore } from './db/wall-store/contract.js';
import { createSqliteWallStore } from './db/wall-store/sqlite-wall-store.js';
import { createAuthService, type AuthService } from './auth/auth-service.js';
import { forgettingOnWrites } from './auth/session-cache.js';
import { provinceAccess } from './auth/province-reach.js';
import { provinceParents } from './metrics/scope-rollup.js';
import { canSeeNames, PUBLIC, type PolicyOptions } from './auth/policy.js';
import { authenticate } from './http/principal.js';
import { authRoutes } from './http/auth-routes.js';
import { adminRoutes } from './http/admin-routes.js';
import { adminSourcesRoutes } from './http/admin-sources-routes.js';
import { adminWallsRoutes } from './http/admin-walls-routes.js';
import { adminAuditRoutes } from './http/admin-audit-routes.js';
import { adminQualityRoutes } from './http/admin-quality-routes.js';
import { createQuarantineReview } from './ingest/quarantine-review.js';
import { adminCalendarRoutes } from './http/admin-calendar-routes.js';
import { openApiRoutes } from './http/openapi/routes.js';
import { adminUsersRoutes } from './http/admin-users-routes.js';
import { reminderRoutes } from './http/reminder-routes.js';
import { dataTrustRoutes } from './http/data-trust-routes.js';
import { exportRoutes } from './http/export-routes.js';
import { cors, csrfProtection, securityHeaders, smallJson, socketOriginAllowed } from './http/security.js';
import { compressResponses } from './http/compress.js';
import { installSessionAuth } from './realtime/session-auth.js';
import { installRequestRooms } from './realtime/request-rooms.js';
import type { RequestService } from './requests/request-service.js';
import { createRequests } from './requests/requests.js';
import { createOpsMetrics, processRegistry, type OpsMetrics } from './observability/ops-metrics.js';
import { registerSocketGauge } from './observability/ops-gauges.js';
import { metricsRoute, timeIngestRequests } from './http/metrics-route.js';
import type { SourceSkew } from './metrics/clock-skew.js';
import type { LockoutsFactory } from './auth/lockouts.js';
import type { SessionStore } from './auth/session-store.js';
import type { RateLimitsFactory } from './auth/rate-limit.js';
import type { HubDeps } from './realtime/hub.js';
import { liveSnapshotRoute } from './cluster/live-snapshot-route.js';
import type { HistoryLoadState } from '../shared/contract/history-load.js';

/** Access control and hardening settings (server/config.ts has their environment variables and defaults). */
export interface SecuritySettings {
  /** Anonymous visitors see aggregates (PUBLIC_VIEW). */
  publicView: boolean;
  sessionTtlMs: number;
  loginMaxFailures: number;
  loginLockMs: number;
  ingestRatePerMinute: number;
  tileServerUrl: string | null;
  tileAttribution: string;
  corsOrigins: string[];
  /** Proxy hops whose X-Forwarded-* headers are trusted (0: none). */
  trustProxy: number;
  /** GET /metrics needs `Authorization: Bearer <this>` (METRICS_TOKEN; null: no token rule). */
  metricsToken: string | null;
  /** GET /metrics is open to these addresses and CIDRs (METRICS_ALLOW; empty: no address rule). Neither rule: 404. */
  metricsAllow: string[];
}

/**
 * How long one node keeps a resolved session between the writes that change it: a write by another
 * process on the same file (the CLI's `user:add --replace`) is seen within this.
 */
const KEEP_SESSIONS_MS = 2_000;

export const DEFAULT_SECURITY: SecuritySettings = {
  publicView: true,
  sessionTtlMs: 12 * 3_600_000,
  loginMaxFailures: 5,
  loginLockMs: 15 * 60_000,
  ingestRatePerMinute: 1_200,
  tileServerUrl: null,
  tileAttribution: '',
  corsOrigins: [],
  trustProxy: 0,
  metricsToken: null,
  metricsAllow: [],
};

export interface AppDeps {
  store: Store;
  /** Users, sources and the audit log (either engine); the store's, wrapped, when not given. */
  access?: AccessStore;
  /** The dossier and task lists and item pages (either engine); the store's, wrapped, when not given. */
  items?: ItemStore;
  /** Wall displays and presets (either engine); the store's, wrapped, when not given. */
  walls?: WallStore;
  /** The officials' pages and the buck-passing lists (either engine); the store's, wrapped, when not given. */
  officials?: OfficialsStore;
  /** Reminders and explanation requests (either engine); the store's, wrapped, when not given. */
  requests?: RequestsStore;
  /** The overview's reads of past instants (either engine); the store's, wrapped, when not given. */
  past?: PastStore;
  /** Data trust's figures, flags and reviews (either engine); the store's, wrapped, when not given. */
  dataTrust?: DataTrustStore;
  /** A closed period's service index counts and the portal's figures (either engine); the store's, wrapped, when not given. */
  index?: IndexStore;
  metrics: ReadDeps['metrics'];
  warnings: ReadDeps['warnings'];
  ingest: IngestService;
  /** The write path on PostgreSQL (issue 17 slice 1): the ingest routes and DVCQG log there (ingest/ingest-paths.ts). */
  asyncIngest?: { service: AsyncIngestService; write: WriteStore };
  jurisdiction: Jurisdiction;
  scopeOf(code: string): ScopeKey | null;
  calendar: WorkCalendar;
  settings: DomainSettings;
  now: () => number;
  logger: Logger;
  build: string;
  boundaries: ReadDeps['boundaries'];
  provinceBoundaries?: ReadDeps['provinceBoundaries'];
  details: ReadDeps['details'];
  clientDir: string | null;
  /** How often display tokens and sessions of open sockets are re-checked (the clock tick's period). */
  clockTickMs: number;
  sourceSilentMs: number;
  /** Years with an official calendar file (fixtures/calendar), for the coverage warning. */
  calendarYears: readonly number[];
  /** Legal time (working days) of catalogued procedure codes, for DVCQG records, which carry none. */
  procedureLegalDays?: ReadonlyMap<string, number>;
  /** The calendar files' directory and the years loaded from it at start (the calendar tab edits the files). */
  calendarFiles: { dir: string; loaded: readonly CalendarYear[] };
  security?: Partial<SecuritySettings>;
  /** Wall-clock time for sessions, lockouts and rate limits (never the demo's accelerated clock). */
  authNow?: () => number;
  /** While the projections are recovered at start, how far that is (null: serving). */
  recovering?: () => RecoveryProgress | null;
  /** A history load running or still being projected (ingest/history-load-progress.ts); null: none. */
  historyLoad?: () => HistoryLoadState | null;
  /** Events logged and not yet projected (the projection writer's lag): reads that can use an older answer do. */
  projectionLagEvents?: () => number;
  /** Admits ingest requests (ingest/admission.ts): refused during a shutdown or under backpressure. */
  ingestAdmission?: express.RequestHandler;
  /** The operating figures of GET /metrics (one registry per app); a fresh set when not given. */
  ops?: OpsMetrics;
  /** Per-source clock skew (metrics/clock-skew.ts), shown with the sources; and the size over which it is a warning. */
  clockSkew?: { of(sourceId: number): SourceSkew; warnMs: number };
  /** See RuntimeOptions.replayMaxItems. */
  replayMaxItems?: number;
  /** Several nodes (server/cluster/, README "Several nodes"); none: one node, everything in this process. */
  cluster?: ClusterDeps;
}

/** What changes in the app when it is one node of several. */
export interface ClusterDeps {
  /** Login lockouts every node sees (Redis). */
  lockouts?: LockoutsFactory;
  /** Sessions every node sees (Redis): created on one node, valid and ended on all. */
  sessions?: SessionStore;
  /** Request limits counted across the nodes (Redis). */
  rateLimits?: RateLimitsFactory;
  /** Ingest node: web nodes ask it for rooms' snapshots with this secret; its rooms live on other nodes' sockets. */
  ingestSecret?: string;
  /** Web node: the reads that need the live metrics go to the ingest node (cluster/forward-reads.ts). */
  forwardEngineReads?: express.RequestHandler;
  /** Web node: subscriptions' snapshots come from the ingest node. */
  remoteSnapshot?: HubDeps['remoteSnapshot'];
}

export interface App {
  http: HttpServer;
  io: IoServer;
  hub: ReturnType<typeof createHub>;
  displayAuth: ReturnType<typeof installDisplayAuth>;
  sessionAuth: ReturnType<typeof installSessionAuth>;
  auth: AuthService;
  audit: AuditLog;
  /** Users, sources and the audit log the app reads and writes (either engine). */
  access: AccessStore;
  /** The event log, its quarantine and `meta` the ingest path writes (either engine; the demo keeps its seed there). */
  write: WriteStore;
  /** Data trust's figures, flags and reviews (the live scheduler's daily-jump sweep writes there). */
  dataTrust: DataTrustStore;
  /** Reminders and explanation requests (the live scheduler runs their overdue sweep). */
  requests: RequestService;
  /** The API router (under /api/v1), for listing its routes. */
  api: express.Router;
  /** Routes outside /api/v1 (GET /metrics), for listing them. */
  root: express.Router;
  close(): Promise<void>;
}

// Long by design: the composition root wires the parts in the order they depend on each other (the
// middleware order is the request's path); each step is one call, and splitting it would hide that order.
/** Wires HTTP routes and Socket.IO around the services; no globals, no environment, no listening. */
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function createApp(deps: AppDeps): App {
  const sec: SecuritySettings = { ...DEFAULT_SECURITY, ...deps.security };
  const policy: PolicyOptions = { publicView: sec.publicView };
  const authNow = deps.authNow ?? Date.now;
  const access = deps.access ?? createSqliteAccessStore(deps.store);
  const items = deps.items ?? createSqliteItemStore(deps.store);
  const walls = deps.walls ?? createSqliteWallStore(deps.store);
  const officials = deps.officials ?? createSqliteOfficialsStore(deps.store);
  const requestsStore = deps.requests ?? createSqliteRequestsStore(deps.store);
  const past = deps.past ?? createSqlitePastStore(deps.store);
  const dataTrust = deps.dataTrust ?? createSqliteDataTrustStore(deps.store);
  const index = deps.index ?? createSqliteIndexStore(deps.store);
  const audit = createAuditLog(access.audit, authNow);
  // National packs: province-bound users reach their provinces' communes (a city pack has no provinces).
  const provinces = provinceAccess(deps.jurisdiction.units);
  const auth = createAuthService({
    provinces,
    users: access.users,
    audit,
    now: authNow,
    sessionTtlMs: sec.sessionTtlMs,
    maxFailures: sec.loginMaxFailures,
    lockWindowMs: sec.loginLockMs,
    lockMs: sec.loginLockMs,
    lockouts: deps.cluster?.lockouts,
    sessions: deps.cluster?.sessions ?? access.sessions,
    // One node: every write to sessions and users passes here. With several, each request reads Redis.
    keepSessionsMs: deps.cluster ? 0 : KEEP_SESSIONS_MS,
  });
  const userScopeOf = provinces.userScopeOf(deps.scopeOf);
  const scopeExists = (scope: ScopeKey) =>
    scope === 'city' || userScopeOf(scope.startsWith('province:') ? scope : scope.slice(scope.indexOf(':') + 1)) === scope;
  const silence: SilenceSettings = { defaultSilentAfterMs: deps.sourceSilentMs, calendar: deps.calendar, skew: deps.clockSkew };
  const ops = deps.ops ?? createOpsMetrics();
  const coverage = loggedCalendarCoverage(deps);
  coverage();
  // Set below, once Socket.IO exists: ending sessions disconnects their sockets at once.
  let endSessions = (): void => {};

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (sec.trustProxy > 0) app.set('trust proxy', sec.trustProxy);
  app.use(securityHeaders({ tileServerUrl: sec.tileServerUrl, corsOrigins: sec.corsOrigins }));
  app.use(cors(sec.corsOrigins));
  app.use(compressResponses());

  const recovering = deps.recovering ?? (() => null);
  const historyLoad = deps.historyLoad ?? (() => null);
  const api = express.Router();
  // While the projections are recovered after an unclean stop, /health says how far and everything
  // else answers 503 with Retry-After: no half-folded data read, no write folded onto it.
  api.use((req, _res, next) => {
    const p = recovering();
    next(p && req.path !== '/health' ? recoveringError(p) : undefined);
  });
  if (deps.cluster?.forwardEngineReads) api.use(deps.cluster.forwardEngineReads);
  // Ingest is authenticated by its bearer source key (never a cookie) and has its own 8 MB body limit.
  const paths = ingestPaths(deps);
  api.use('/ingest', timeIngestRequests(ops));
  api.use(
    ingestRoutes(
      access.sources,
      paths.live.ingest,
      { ratePerMinute: sec.ingestRatePerMinute, now: authNow, admit: deps.ingestAdmission, rateLimits: deps.cluster?.rateLimits },
      paths.live.dvcqg,
    ),
  );
  api.use(smallJson());
  api.use(authenticate({ auth, displays: walls.displays }));
  api.use(csrfProtection(sec.corsOrigins));
  api.use(authRoutes({ auth, audit, policy, sessionTtlMs: sec.sessionTtlMs, onSessionsEnded: () => endSessions() }));
  api.get('/client-config', (_req, res) => {
    res
      .set('Cache-Control', 'no-cache')
      .json({ tileUrl: sec.tileServerUrl, tileAttribution: sec.tileAttribution, publicView: sec.publicView });
  });
  api.use(openApiRoutes(deps.build));
  // The time machine answers /overview when `at` is given, the live route otherwise (issue 16).
  api.use(
    replayRoutes({
      ...deps,
      policy,
      auditRepo: access.audit,
      stateAt: createStateAt({ ...deps, repo: deps.store.replay, scopes: scopeKeysOf(deps.jurisdiction), maxItems: deps.replayMaxItems }),
    }),
  );
  api.use(readRoutes({ ...deps, items, officials, requests: requestsStore, past, dataTrust, index, policy }));
  // Request instants are the city's clock (deps.now): due dates are on the working calendar, and the
  // requests sit in the dossiers' timelines. Pushed live once Socket.IO exists (below).
  const requests = createRequests({ ...deps, requests: requestsStore, items, audit });
  api.use(reminderRoutes({ requests: requests.service, lists: requests.lists }));
  api.use(exportRoutes({ ...deps, items, audit, policy }));
  api.use(dataTrustRoutes({ ...deps, items, officials, requests: requestsStore, past, dataTrust, index, audit, policy }));
  api.use(
    adminRoutes({
      presets: walls.presets,
      sources: access.sources,
      audit,
      now: authNow,
      scopeOf: deps.scopeOf,
      onSessionsEnded: () => endSessions(),
      clockSkew: deps.clockSkew?.of,
    }),
  );
  api.use(adminSourcesRoutes({ sources: access.sources, audit, scopeOf: deps.scopeOf }));
  api.use(adminWallsRoutes({ walls, audit, now: authNow, scopeOf: deps.scopeOf }));
  api.use(adminAuditRoutes({ log: access.audit, audit, now: authNow }));
  // Reviews are stamped with the city's clock, like the records they review.
  // The records are where the live path quarantines them, and a replay goes through that path (ingest-paths.ts).
  const write = deps.asyncIngest?.write ?? createSqliteWriteStore(deps.store);
  const review = createQuarantineReview({ quarantine: write, sources: access.sources, ...paths.live, now: deps.now });
  api.use(adminQualityRoutes({ quarantine: write, audit, review, now: deps.now }));
  api.use(
    adminCalendarRoutes({
      store: deps.store,
      audit,
      calendarDir: deps.calendarFiles.dir,
      runningYears: deps.calendarFiles.loaded,
      coverage,
    }),
  );
  api.use(
    adminUsersRoutes({
      users: forgettingOnWrites(access.users, auth.forgetKept),
      audit,
      now: authNow,
      scopeOf: userScopeOf,
      endSessionsOf: auth.endSessionsOf,
      onSessionsEnded: () => endSessions(),
    }),
  );
  api.use(wallRoutes({ walls }));
  api.use(
    healthRoutes({
      store: deps.store,
      past,
      now: deps.now,
      build: deps.build,
      silence,
      calendarCoverage: coverage,
      recovering,
      historyLoad,
    }),
  );
  api.use((req, _res, next) => next(new HttpError(404, 'not_found', `no API route ${req.method} ${req.path}`)));
  app.use('/api/v1', api);
  // Not under /api/v1: where Prometheus looks by convention. Closed unless METRICS_TOKEN or METRICS_ALLOW is set;
  // when it is open, the process's collectors start now, so the first scrape's event-loop delay covers the time since.
  if (sec.metricsToken !== null || sec.metricsAllow.length > 0) processRegistry();
  const root = metricsRoute({
    access: { token: sec.metricsToken, allow: sec.metricsAllow },
    registries: () => [processRegistry(), ops.registry],
  });
  app.use(root);
  const ingestSecret = deps.cluster?.ingestSecret;
  if (ingestSecret) app.use(liveSnapshotRoute({ secret: ingestSecret, scopeExists, liveSnapshot: (s, p) => hub.liveSnapshot(s, p) }));
  // A national pack's `?province=` links preload that province's overview.
  if (deps.clientDir) app.use(staticClient(deps.clientDir, new Set((deps.jurisdiction.provinces ?? []).map((pr) => pr.code))));
  app.use(errorHandler(deps.logger));

  const http = createServer(app);
  const io = createSocketServer(http, sec.corsOrigins, recovering);
  // Display tokens: checked at the handshake, revocations swept every clock tick.
  const displayAuth = installDisplayAuth({
    io,
    displays: walls.displays,
    now: deps.now,
    sweepEveryMs: deps.clockTickMs,
    onSeenError: (err) => deps.logger.warn({ err }, 'a display was admitted but its last-seen time was not written'),
  });
  // Session cookies (after display tokens): ended sessions swept every clock tick, and at once on logout.
  const sessionAuth = installSessionAuth({ io, auth, sweepEveryMs: deps.clockTickMs });
  endSessions = () => void sessionAuth.sweep();
  requests.pushTo(installRequestRooms(io, provinceParents(deps.jurisdiction.units)));
  registerSocketGauge(ops.registry, function* () {
    for (const s of io.of('/').sockets.values()) yield s.data.principal?.role;
  });

  const metrics: MetricsSource = deps.metrics;
  const hub = createHub({
    io,
    metrics,
    now: deps.now,
    scopeExists,
    remoteSnapshot: deps.cluster?.remoteSnapshot,
    clusterRooms: ingestSecret !== undefined,
    canWatch: (socket, scope) => canWatchScope(socket.data.principal, scope, policy),
    namesVisible: (socket, scope) => canSeeNames(socket.data.principal ?? PUBLIC, scope),
    indexFigure: createLiveIndexFigures({ indexCounts: (s, p) => deps.metrics.indexCounts(s, p), settings: deps.settings.serviceIndex }),
    clockTicked: (): ClockTicked => {
      const now = deps.now();
      return {
        now: toVnIso(now),
        build: deps.build,
        sources: sourceFreshness(deps.store, now, silence),
        calendar: coverage(),
        historyLoad: historyLoad(),
      };
    },
  });

  return {
    http,
    io,
    hub,
    displayAuth,
    sessionAuth,
    auth,
    audit,
    access,
    write,
    dataTrust,
    requests: requests.service,
    api,
    root,
    async close() {
      displayAuth.stop();
      sessionAuth.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/**
 * The calendar's coverage of today and the coming year. A missing year is logged at start and again
 * whenever the coverage changes (1 October, 1 January), not on every call.
 */
function loggedCalendarCoverage(deps: Pick<AppDeps, 'now' | 'calendarYears' | 'logger'>): () => CalendarCoverage {
  let loggedCoverage = '';
  return () => {
    const c = calendarCoverage(deps.now(), deps.calendarYears);
    const key = c.status === 'ok' ? 'ok' : `${c.status}:${c.year}`;
    if (key !== loggedCoverage) {
      loggedCoverage = key;
      if (c.status !== 'ok') deps.logger.warn({ calendar: { status: c.status, year: c.year, years: c.years } }, c.message);
    }
    return c;
  };
}

/** Socket.IO on the HTTP server: same-origin handshakes only, and none while the projections are recovered. */
function createSocketServer(http: HttpServer, corsOrigins: string[], recovering: () => RecoveryProgress | null): IoServer {
  const io: IoServer = new Server(http, {
    serveClient: false,
    // A reconnecting client resubscribes and gets a fresh snapshot, so no server-side buffering is needed.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // The handshake carries the session cookie: a page of another site must not open it (cross-site WebSocket hijacking).
    allowRequest: (req, cb) => cb(null, socketOriginAllowed(req, corsOrigins)),
    ...(corsOrigins.length ? { cors: { origin: corsOrigins, credentials: true } } : {}),
  });
  // No socket during a recovery: its snapshot would be of metrics not yet restored. The client tries
  // again after the delay in the error's data (client/realtime/socket.ts).
  io.use((_socket, next) => {
    if (!recovering()) return next();
    next(Object.assign(new Error('recovering'), { data: { code: 'recovering', retryAfterS: RECOVERING_RETRY_AFTER_S } }));
  });
  return io;
}
