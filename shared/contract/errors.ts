/**
 * What may leave the server when something is refused: a stable code from this list and a message.
 * Anything else is answered as `internal` without details. Imports nothing.
 */

export const ERROR_CODES = [
  // 400: the request is malformed or fails its schema.
  'bad_request',
  'invalid_json',
  /** An ingest body that is not valid UTF-8 (or UTF-16 by its byte-order mark): the byte and where. */
  'invalid_encoding',
  'invalid_body',
  'invalid_query',
  'invalid_export',
  'invalid_name',
  'invalid_preset',
  'invalid_reminder',
  /** An explanation that is empty, too long, or to a reminder (which is acknowledged, not answered). */
  'invalid_answer',
  'invalid_source',
  'invalid_user',
  'invalid_display',
  /** An admin acting on their own account where that is refused. */
  'self',
  // 401 / 403: who is asking, and whether they may.
  'unauthorized',
  'login_required',
  'invalid_credentials',
  'display_token_invalid',
  'forbidden',
  'wrong_kind',
  'csrf_origin',
  'csrf_token',
  // 404 / 409: the thing asked for.
  'not_found',
  'already_acknowledged',
  'already_answered',
  'already_revoked',
  'source_exists',
  'user_exists',
  'display_exists',
  /** A quarantined record already dismissed (or, to dismiss, no longer open). */
  'already_reviewed',
  /** A quarantined record whose source no longer exists: there is no one to replay it as. */
  'source_gone',
  /** A calendar file on disk fails the loader's validation (fixed by hand before it can be edited here). */
  'calendar_invalid',
  /** 422: a replay as corrected too far from a stored checkpoint (more to refold than a request may). */
  'replay_too_far',
  // 413 / 429: too much at once.
  'too_large',
  'too_many_events',
  /** 415: an ingest body in a charset other than UTF-8 or UTF-16. */
  'unsupported_charset',
  'rate_limited',
  'too_many_attempts',
  // 500 / 503.
  'internal',
  'recovering',
  /** The server is shutting down: new ingest batches are refused (Retry-After), in-flight ones finish. */
  'shutting_down',
  /** The projection writer lags more than INGEST_MAX_LAG_EVENTS behind the log: retry after Retry-After. */
  'backpressure',
  /** Several nodes: this web node does not ingest (send to the ingest node), or the ingest node did not answer it. */
  'not_ingest_node',
  'unavailable',
  // Socket.IO acks: an argument failed its schema.
  'invalid',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Body of every refused HTTP request (and the error of a refused socket ack). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** One problem with one field of an ingested event (kept in the quarantine and answered to the source). */
export interface FieldError {
  /** Dotted path into the event, e.g. `procedure.code`; empty for the event as a whole. */
  path: string;
  message: string;
}
