import type { ErrorRequestHandler } from 'express';
import type { ErrorBody, ErrorCode } from '../../shared/contract/errors.js';
import { HttpError } from '../errors.js';

/** The error class lives in server/errors.ts (ingest throws it too); re-exported for the routes. */
export { HttpError, RECOVERING_RETRY_AFTER_S, recoveringError } from '../errors.js';

const body = (code: ErrorCode, message: string): ErrorBody => ({ error: { code, message } });

interface Logger {
  error(obj: unknown, msg?: string): void;
}

/** The one error middleware: known codes leave the server, the rest is logged and answered as 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof HttpError) {
      res.set(err.headers).status(err.status).json(body(err.code, err.message));
      return;
    }
    const e = err as { type?: string; status?: number; limit?: number; message?: string };
    if (e.type === 'entity.parse.failed') {
      // The parser's reason says where ("… at position 11 (line 1 column 12)"): a source can find the fault.
      res.status(400).json(body('invalid_json', `the request body is not valid JSON: ${e.message ?? 'unreadable'}`));
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json(body('too_large', `the request body is larger than ${e.limit} bytes`));
      return;
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      res.status(e.status).json(body('bad_request', 'the request could not be read'));
      return;
    }
    log.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json(body('internal', 'internal error'));
  };
}
