import type { Server as HttpServer } from 'node:http';
import type { IngestAdmission } from './ingest/admission.js';
import type { ProjectionWriter } from './projection/writer.js';
import type { Logger } from './logger.js';

/** How long a shutdown waits for in-flight ingest batches by default before cutting their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface GracefulCloseParts {
  http: HttpServer;
  admission: IngestAdmission;
  projections: Pick<ProjectionWriter, 'sync' | 'lag'>;
  /** Stops the timers of the live path (nothing is pushed after this). */
  stopLive(): void;
  /** Closes Socket.IO (clients are disconnected and reconnect elsewhere) and the HTTP server. */
  closeApp(): Promise<void>;
  /** Stops the projection writer (after its last flush) and closes the database connections. */
  closeStore(): Promise<void>;
  logger: Logger;
  graceMs: number;
}

/**
 * Stops in the order that loses nothing: refuse new connections and new ingest batches, let the
 * batches in flight finish and be answered, bring the projections up to the end of the log, close
 * the sockets and the HTTP server, then the database. Each step is logged.
 */
export async function gracefulClose(p: GracefulCloseParts): Promise<void> {
  const { logger } = p;
  p.admission.stop();
  // No new connection from here on; new requests on open keep-alive connections get 503 (admission).
  const httpClosed = p.http.listening ? new Promise<void>((resolve) => p.http.close(() => resolve())) : Promise.resolve();
  p.http.closeIdleConnections();
  logger.info({ inFlight: p.admission.inFlight }, 'shutdown: stopped accepting connections and ingest batches');
  if (!(await p.admission.drained(p.graceMs))) {
    logger.warn(
      { inFlight: p.admission.inFlight, graceMs: p.graceMs },
      'shutdown: ingest batches still in flight after the grace period; cutting them off',
    );
    p.http.closeAllConnections();
  }
  logger.info('shutdown: in-flight ingest batches answered');
  p.stopLive();
  const lag = p.projections.lag();
  try {
    p.projections.sync();
    logger.info({ flushedEvents: lag }, 'shutdown: projections caught up with the event log');
  } catch (err) {
    // The log has every event: the next start refolds what the projections miss.
    logger.error({ err }, 'shutdown: the projections could not catch up; the next start recovers them from the log');
  }
  await p.closeApp();
  await httpClosed;
  logger.info('shutdown: Socket.IO and HTTP closed');
  await p.closeStore();
  logger.info('shutdown: database closed');
}
