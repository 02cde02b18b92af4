import type { ErrorCode } from '../shared/contract/errors.js';

/**
 * An error with an HTTP status and a stable code (from the contract's list) that may be shown to clients;
 * anything else becomes a 500 without details. Transport-neutral: ingest and the HTTP routes throw it,
 * http/errors.ts answers it.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
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
