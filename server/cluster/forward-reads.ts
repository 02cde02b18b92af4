/**
 * A web node's reads that need the live metrics, answered by the ingest node: the request goes there
 * as it came (cookies included: sessions live in the shared database, so the ingest node authenticates
 * it the same way) and its answer comes back as it is. Everything else a web node answers itself from
 * the shared SQLite file.
 */
import { request } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

const SCOPE = '(city|units/[^/]+|departments/[^/]+)';

/** Paths under /api/v1 whose answers are computed from the in-memory metrics or early warning. */
export const ENGINE_READS: readonly RegExp[] = [
  /^\/overview$/,
  /^\/forecast$/,
  /^\/(units|departments)\/[^/]+$/,
  new RegExp(`^/${SCOPE}/at-risk(/tasks)?$`),
  /^\/index$/,
  new RegExp(`^/${SCOPE}/index$`),
];

/** How long a web node waits for the ingest node's answer to begin. */
const FORWARD_TIMEOUT_MS = 10_000;

/** Forwards GET requests of ENGINE_READS to `ingestUrl` (http://host:port); the rest goes on. */
export function forwardEngineReads(ingestUrl: string, paths: readonly RegExp[] = ENGINE_READS): RequestHandler {
  const target = new URL(ingestUrl);
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !paths.some((p) => p.test(req.path))) return next();
    const headers = { ...req.headers, 'x-forwarded-for': req.ip ?? '' };
    delete headers.connection;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.originalUrl, headers, timeout: FORWARD_TIMEOUT_MS },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
    upstream.on('error', (err) => {
      if (res.headersSent) return void res.destroy(err);
      next(new HttpError(503, 'unavailable', `the ingest node (${target.host}) did not answer (${err.message}); try again shortly`));
    });
    upstream.end();
  };
}
