/**
 * Response compression (gzip/brotli, as the client asks) with the maintained `compression` middleware.
 * Left alone: the answers to ingest batches (see INGEST_PATH), Socket.IO's path (it never reaches
 * Express, but a proxy could route it here), responses already encoded, types that do not compress
 * (images, zip, .xlsx: `compression.filter` knows them from mime-db), and anything sent with
 * `Cache-Control: no-transform`.
 */
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** Below this a response goes as it is: the gzip header and the CPU are not worth it. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Ingest answers go as they are: a batch's answer is a quarter of the batch, which the source sent
 * uncompressed, and brotli made the answer cost ≈ 1 ms of CPU per batch of 500 on the server and again
 * in the source (ingest over HTTP took ≈ 8 % more CPU per event with it).
 */
const INGEST_PATH = '/api/v1/ingest/';

/** True when a response should be compressed (given that the client accepts an encoding). */
export function shouldCompress(req: Request, res: Response): boolean {
  if (req.originalUrl.startsWith('/socket.io/')) return false;
  if (res.getHeader('Content-Encoding')) return false;
  return compression.filter(req, res);
}

/** The compression middleware: mount before the routes. Streaming routes call `res.flush()` to push a chunk out. */
export function compressResponses(): RequestHandler {
  const compress = compression({ filter: shouldCompress, threshold: COMPRESS_THRESHOLD_BYTES });
  return (req, res, next) => (req.originalUrl.startsWith(INGEST_PATH) ? next() : compress(req, res, next));
}
