import type { ErrorRequestHandler } from 'express';

/** An error with a stable code that may be shown to clients; anything else becomes a 500 without details. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Seconds a client is asked to wait while the server recovers its projections (Retry-After). */
export const RECOVERING_RETRY_AFTER_S = 5;

/**
 * 503 `recovering`: the server is refolding its projections after an unclean stop (/health shows how
 * far); nothing is read or written until it is done.
 */
export function recoveringError(progress: { done: number; total: number }): HttpError {
  const pct = progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 0;
  return new HttpError(
    503,
    'recovering',
    `the server is rebuilding its projections from the event log after an unclean stop (${pct}% done); retry in ${RECOVERING_RETRY_AFTER_S} s`,
    { 'Retry-After': String(RECOVERING_RETRY_AFTER_S) },
  );
}

interface Logger {
  error(obj: unknown, msg?: string): void;
}

/** The one error middleware: known codes leave the server, the rest is logged and answered as 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof HttpError) {
      res.set(err.headers).status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const e = err as { type?: string; status?: number; limit?: number };
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid_json', message: 'the request body is not valid JSON' } });
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too_large', message: `the request body is larger than ${e.limit} bytes` } });
      return;
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: 'bad_request', message: 'the request could not be read' } });
      return;
    }
    log.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}
