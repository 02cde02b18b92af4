/**
 * The only place that reads the environment, opens the database file and listens.
 * `npm start` runs this after building the client.
 */
import { readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { loadConfig, ConfigError, type Config } from './config.js';
import { createLogger, endLog, type Logger } from './logger.js';
import { acceleratedClock } from './clock.js';
import { parseIsoWithOffset } from './domain/time.js';
import { createRuntime } from './runtime.js';
import { startDemo } from './simulator/demo.js';
import { announceUsers } from './auth/start-access.js';
import { recordCalendarChanges } from './auth/calendar-audit.js';
import type { SecuritySettings } from './app.js';
import { connectRedis, type RedisClient } from './cluster/redis.js';
import { createWebRuntime } from './cluster/web-runtime.js';
import { startHeapMode } from './heap-mode.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const build = `${pkg.version}+${readBuildId()}`;
  const started = Date.now();

  // The demo's clock may run faster than real time (SIM_SPEED) and start at another instant (SIM_START);
  // everything reads this one clock.
  const simStart = config.DEMO && config.SIM_START ? (parseIsoWithOffset(config.SIM_START) as number) : undefined;
  const clock = acceleratedClock(config.DEMO ? config.SIM_SPEED : 1, simStart);
  // Several nodes share deltas and lockouts through Redis (README "Several nodes").
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : null;
  if (config.NODE_ROLE === 'web') return startWebNode(config, logger, { clock, build, redis: redis!, started });
  const runtime = createRuntime({
    dbFile: config.DASHBOARD_DB,
    clock,
    logger,
    build,
    ingestKeys: config.ingestKeys,
    deltaFlushMs: config.DELTA_FLUSH_MS,
    clockTickMs: config.CLOCK_TICK_MS,
    sourceSilentMs: config.SOURCE_SILENT_MS,
    boundariesDir: config.BOUNDARIES_DIR,
    jurisdiction: config.JURISDICTION,
    calendarDir: config.CALENDAR_DIR,
    ingestMaxLagEvents: config.INGEST_MAX_LAG_EVENTS,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
    clockSkewWarnMs: config.CLOCK_SKEW_WARN_MINUTES * 60_000,
    security: securityOf(config),
    cluster: redis
      ? { redis, secret: config.NODE_ROLE === 'ingest' ? config.CLUSTER_SECRET : undefined, keyPrefix: config.redisKeyPrefix }
      : undefined,
    heapMode: config.HEAP_MODE === 'adaptive' ? startHeapMode() : undefined,
  });
  recordCalendarChanges(runtime.store, runtime.app.audit, config.CALENDAR_DIR);

  let port = config.PORT;
  const listen = async () => {
    await new Promise<void>((resolve) => runtime.app.http.listen(config.PORT, config.HOST, resolve));
    const address = runtime.app.http.address();
    if (typeof address === 'object' && address) port = address.port;
  };
  // After an unclean stop the projections are recovered first (runtime.ready): the port opens before
  // that, so that /health shows the progress and everything else answers 503 meanwhile.
  if (runtime.recovering()) {
    await listen();
    logger.info({ port }, `listening at http://localhost:${port}; answering 503 until the projections are recovered`);
  }
  let demo: Awaited<ReturnType<typeof startDemo>> | null = null;
  stopOnSignals(logger, async () => {
    demo?.stop();
    await runtime.close();
    await redis?.quit();
  });

  await runtime.ready;
  logger.info(
    { db: config.DASHBOARD_DB, restoreMs: Math.round(runtime.restoreMs), open: runtime.engine.openCount },
    'store opened and metrics restored',
  );

  demo = config.DEMO
    ? await startDemo({
        runtime,
        clock,
        logger,
        seed: config.SIM_SEED,
        liveScale: config.SIM_SCALE,
        seedDays: config.SEED_DAYS,
        seedScale: config.SEED_SCALE,
      })
    : null;

  // Through the access store, so the demo's users land where login reads them (either engine).
  const known = new Set(runtime.engine.scopes());
  await announceUsers(runtime.app.access.users, { demo: config.DEMO, hasScope: (s) => known.has(s), now: Date.now() }, logger);

  if (!runtime.app.http.listening) await listen();
  logger.info({ port, demo: config.DEMO, readyMs: Date.now() - started }, `dashboard ready at http://localhost:${port}`);
}

/** Access control and hardening settings from the configuration (every node alike). */
function securityOf(config: Config): SecuritySettings {
  return {
    publicView: config.PUBLIC_VIEW,
    sessionTtlMs: config.SESSION_TTL_HOURS * 3_600_000,
    loginMaxFailures: config.LOGIN_MAX_FAILURES,
    loginLockMs: config.LOGIN_LOCK_MINUTES * 60_000,
    ingestRatePerMinute: config.INGEST_RATE_PER_MINUTE,
    tileServerUrl: config.TILE_SERVER_URL ?? null,
    tileAttribution: config.TILE_ATTRIBUTION,
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    metricsToken: config.METRICS_TOKEN ?? null,
    metricsAllow: config.METRICS_ALLOW,
  };
}

/**
 * NODE_ROLE=web: the client, REST reads and sockets; no writer, simulator or clock tick (the ingest
 * node's reach this node through Redis). The demo users are announced by the ingest node.
 */
async function startWebNode(
  config: Config,
  logger: Logger,
  o: { clock: ReturnType<typeof acceleratedClock>; build: string; redis: RedisClient; started: number },
): Promise<void> {
  const web = createWebRuntime({
    dbFile: config.DASHBOARD_DB,
    clock: o.clock,
    logger,
    build: o.build,
    redis: o.redis,
    redisKeyPrefix: config.redisKeyPrefix,
    ingestUrl: config.INGEST_URL!,
    secret: config.CLUSTER_SECRET!,
    clockTickMs: config.CLOCK_TICK_MS,
    sourceSilentMs: config.SOURCE_SILENT_MS,
    boundariesDir: config.BOUNDARIES_DIR,
    jurisdiction: config.JURISDICTION,
    calendarDir: config.CALENDAR_DIR,
    security: securityOf(config),
  });
  stopOnSignals(logger, async () => {
    await web.close();
    await o.redis.quit();
  });
  await new Promise<void>((resolve) => web.app.http.listen(config.PORT, config.HOST, resolve));
  const address = web.app.http.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info(
    { port, role: 'web', ingest: config.INGEST_URL, readyMs: Date.now() - o.started },
    `web node ready at http://localhost:${port} (ingest node ${config.INGEST_URL})`,
  );
}

/** The validated configuration; on a bad variable, says which and exits with status 2. */
function loadConfigOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/**
 * On SIGINT or SIGTERM, runs `close` (graceful: runtime.close) once and exits 0; a second signal
 * during it exits at once with 128 + the signal's number, as a shell reports a process killed by it.
 */
function stopOnSignals(logger: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once, without waiting for the shutdown to finish');
      process.exit(128 + osConstants.signals[signal]);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down (a second signal exits at once)');
    let code = 0;
    try {
      await close();
      logger.info('shutdown complete');
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      code = 1;
    }
    await endLog(logger);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** The client build's id (written by vite build), so displays can reload when the build changes. */
function readBuildId(): string {
  try {
    return readFileSync(new URL('../dist/client/build-id.txt', import.meta.url), 'utf8').trim();
  } catch {
    return 'dev';
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
