import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

/** Seconds a source is asked to wait when the projection writer is behind (it flushes every ~0.5 s). */
export const BACKPRESSURE_RETRY_AFTER_S = 1;
/** Seconds a source is asked to wait during a shutdown (a restarted or other instance takes over). */
export const SHUTTING_DOWN_RETRY_AFTER_S = 5;

export interface IngestAdmissionOptions {
  /** Events logged but not yet projected (ProjectionWriter.lag). */
  lag(): number;
  /** Over this lag new batches are refused with 503 and Retry-After (INGEST_MAX_LAG_EVENTS). */
  maxLagEvents: number;
  /**
   * The bound for history-load batches (`X-Ingest-Mode: history`): the writer folds them in passes of
   * 100,000 events, so the log runs further ahead (projection/writer.ts HISTORY_MAX_LAG_EVENTS).
   */
  historyMaxLagEvents?: number;
}

/** The header a history-load batch carries (history-load.ts), and its one value. */
export const INGEST_MODE_HEADER = 'x-ingest-mode';
export const HISTORY_MODE = 'history';

/**
 * Decides whether an ingest request may start, and counts the ones that did until they are answered:
 * refused while the server shuts down (so in-flight batches can finish and nothing new starts) and
 * while the projection writer lags more than the bound (so memory for unprojected states stays bounded
 * and the source retries instead). A refused request has logged nothing.
 */
export function createIngestAdmission(opts: IngestAdmissionOptions) {
  let stopping = false;
  let inFlight = 0;
  let onIdle: (() => void) | null = null;

  const admit: RequestHandler = (req, res, next) => {
    if (stopping) {
      res.set('Connection', 'close');
      return next(
        new HttpError(503, 'shutting_down', `the server is shutting down; retry in ${SHUTTING_DOWN_RETRY_AFTER_S} s`, {
          'Retry-After': String(SHUTTING_DOWN_RETRY_AFTER_S),
        }),
      );
    }
    const lag = opts.lag();
    const bound = req.get(INGEST_MODE_HEADER) === HISTORY_MODE ? (opts.historyMaxLagEvents ?? opts.maxLagEvents) : opts.maxLagEvents;
    if (lag > bound) {
      return next(
        new HttpError(
          503,
          'backpressure',
          `the projection writer is ${lag} events behind the log (bound ${bound}); nothing of this batch was logged; retry in ${BACKPRESSURE_RETRY_AFTER_S} s`,
          { 'Retry-After': String(BACKPRESSURE_RETRY_AFTER_S) },
        ),
      );
    }
    inFlight++;
    // 'close' follows the answer, or an aborted request: either way the batch is no longer in flight.
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) onIdle?.();
    });
    next();
  };

  return {
    /** Express middleware in front of every ingest route. */
    admit,
    /** Ingest requests admitted and not yet answered. */
    get inFlight(): number {
      return inFlight;
    },
    /** From now on every new ingest request is refused (503 `shutting_down`). */
    stop(): void {
      stopping = true;
    },
    /** Resolves once no admitted request is in flight, or after `timeoutMs` (true: drained). */
    drained(timeoutMs: number): Promise<boolean> {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        onIdle = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    },
  };
}

export type IngestAdmission = ReturnType<typeof createIngestAdmission>;
