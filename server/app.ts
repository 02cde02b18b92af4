import express from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Store } from './db/store.js';
import type { DomainSettings, Jurisdiction, WorkCalendar } from './domain/types.js';
import type { ScopeKey } from './metrics/types.js';
import type { Logger } from './logger.js';
import type { IngestService } from './ingest/service.js';
import { ingestRoutes } from './ingest/routes.js';
import { readRoutes, type ReadDeps } from './http/read-routes.js';
import { healthRoutes, sourceFreshness } from './http/health-routes.js';
import { staticClient } from './http/static.js';
import { wallRoutes } from './http/wall-routes.js';
import { canWatchScope, installDisplayAuth } from './realtime/display-auth.js';
import { errorHandler, HttpError } from './http/errors.js';
import { createHub, type IoServer, type MetricsSource } from './realtime/hub.js';
import type { AlertRaised } from './realtime/events.js';
import { toVnIso } from './domain/time.js';

export interface AppDeps {
  store: Store;
  metrics: ReadDeps['metrics'];
  ingest: IngestService;
  jurisdiction: Jurisdiction;
  scopeOf(code: string): ScopeKey | null;
  calendar: WorkCalendar;
  settings: DomainSettings;
  now: () => number;
  logger: Logger;
  build: string;
  boundaries: () => unknown;
  details: ReadDeps['details'];
  clientDir: string | null;
  deltaFlushMs: number;
  clockTickMs: number;
  sourceSilentMs: number;
  /** Scheduler step run before each live flush (advances the metrics clock, returns new alerts). */
  advance?: () => AlertRaised[];
}

export interface App {
  http: HttpServer;
  io: IoServer;
  hub: ReturnType<typeof createHub>;
  displayAuth: ReturnType<typeof installDisplayAuth>;
  close(): Promise<void>;
}

/** Wires HTTP routes and Socket.IO around the services; no globals, no environment, no listening. */
export function createApp(deps: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const api = express.Router();
  api.use('/ingest', ingestRoutes(deps.store, deps.ingest));
  api.use(readRoutes(deps));
  api.use(wallRoutes({ store: deps.store }));
  api.use(healthRoutes({ store: deps.store, now: deps.now, build: deps.build, silentAfterMs: deps.sourceSilentMs }));
  api.use((req, _res, next) => next(new HttpError(404, 'not_found', `no API route ${req.method} ${req.path}`)));
  app.use('/api/v1', api);
  if (deps.clientDir) app.use(staticClient(deps.clientDir));
  app.use(errorHandler(deps.logger));

  const http = createServer(app);
  const io: IoServer = new Server(http, {
    serveClient: false,
    // A reconnecting client resubscribes and gets a fresh snapshot, so no server-side buffering is needed.
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  // Display tokens: checked at the handshake, revocations swept every clock tick.
  const displayAuth = installDisplayAuth({ io, displays: deps.store.displays, now: deps.now, sweepEveryMs: deps.clockTickMs });

  const metrics: MetricsSource = deps.metrics;
  const hub = createHub({
    io,
    metrics,
    now: deps.now,
    scopeExists: (scope) => scope === 'city' || deps.scopeOf(scope.slice(scope.indexOf(':') + 1)) === scope,
    canWatch: (socket, scope) => canWatchScope(socket.data.principal, scope),
    clockTick: () => ({ build: deps.build, sources: sourceFreshness(deps.store, deps.now(), deps.sourceSilentMs) }),
    deltaFlushMs: deps.deltaFlushMs,
    clockTickMs: deps.clockTickMs,
    beforeFlush: deps.advance,
  });
  io.on('connection', (socket) => {
    // A new screen learns the server time and freshness at once, not after the next tick.
    socket.emit('clock:ticked', {
      now: toVnIso(deps.now()),
      build: deps.build,
      sources: sourceFreshness(deps.store, deps.now(), deps.sourceSilentMs),
    });
  });

  return {
    http,
    io,
    hub,
    displayAuth,
    async close() {
      hub.stop();
      displayAuth.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
