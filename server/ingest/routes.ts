import { type Request, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { IngestAnswer } from '../../shared/contract/api-schemas.js';
import type { SourcesStore } from '../db/access-store/contract.js';
import type { SourceRow } from '../db/sources-repo.js';
import { HttpError } from '../errors.js';
import { memoryRateLimits, type RateLimitsFactory } from '../auth/rate-limit.js';
import { hashSourceKey } from './keys.js';
import type { EventResult, IngestService } from './service.js';
import type { IngestKind } from './validate.js';
import type { DvcqgIngest } from './dvcqg-service.js';
import type { AsyncDvcqgIngest } from './dvcqg-async.js';
import type { AsyncIngestService } from './async-ingest.js';
import { readDvcqgBody } from './dvcqg-body.js';
import { ingestJsonBody } from './json-body.js';
import { HISTORY_MODE, INGEST_MODE_HEADER } from './admission.js';

/** Most events one request may carry. */
export const MAX_EVENTS_PER_BATCH = 5_000;
/**
 * A native batch's body with its events as `event` says. The route checks it with `z.unknown()` events
 * (each event is then validated on its own, so one bad event does not refuse the batch); the API
 * description (server/http/openapi/) shows it with the event schemas of record.
 */
export const ingestBatchBody = <T extends z.ZodType>(event: T) => z.object({ events: z.array(event).max(MAX_EVENTS_PER_BATCH) });
const anyBatch = ingestBatchBody(z.unknown());

/** Body size limit: 5,000 events of ~1 KiB each, with room to spare. */
export const MAX_INGEST_BODY = '8mb';
/** Requests with a missing or wrong key one address may make per minute (guessing keys is pointless, flooding is not). */
const UNAUTHENTICATED_PER_MINUTE = 60;

export interface IngestRouteOptions {
  /** Requests one source may make per minute (and at once); over it: 429 with Retry-After. */
  ratePerMinute: number;
  /** Wall-clock time for the rate limits. */
  now: () => number;
  /** Runs first on every ingest request: refuses it during a shutdown or under backpressure (admission.ts). */
  admit?: RequestHandler;
  /** Where requests are counted: this process by default, Redis with several nodes (every node's count). */
  rateLimits?: RateLimitsFactory;
}

function tooMany(retryAfterMs: number, what: string): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpError(429, 'rate_limited', `${what}; retry in ${seconds} s`, { 'Retry-After': String(seconds) });
}

/** Where a bearer key's source is found (the access store, either engine). */
export type IngestKeys = Pick<SourcesStore, 'findActiveByKeyHash'>;

/** Finds the source of a bearer key; 401 without a valid one (revoked keys included, from the next request on), 403 for a key of the other kind. */
export function sourceAuth(keys: IngestKeys, kind: IngestKind, o?: IngestRouteOptions): RequestHandler {
  const failures = o ? (o.rateLimits ?? memoryRateLimits)('ingest-unauthenticated', { perMinute: UNAUTHENTICATED_PER_MINUTE }) : null;
  return async (req, _res, next) => {
    const refuse = async (err: HttpError) => {
      const t = await failures?.take(req.ip ?? 'unknown', o!.now());
      next(t && !t.ok ? tooMany(t.retryAfterMs, 'too many requests without a valid key') : err);
    };
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return refuse(new HttpError(401, 'unauthorized', 'missing "Authorization: Bearer <source key>" header'));
    const source = await keys.findActiveByKeyHash(hashSourceKey(m[1]));
    if (!source) return refuse(new HttpError(401, 'unauthorized', 'unknown or revoked source key'));
    if (source.kind !== kind)
      return next(new HttpError(403, 'wrong_kind', `this key belongs to a ${source.kind} source; it cannot send ${kind} events`));
    (req as Request & { source: SourceRow }).source = source;
    next();
  };
}

/**
 * `X-Ingest-Mode`, as historyMode reads it and the API description shows it (openapi/operations.ts):
 * the one schema, so the description cannot drift from the values the handler accepts.
 */
export const ingestModeHeaders = z.object({
  'X-Ingest-Mode': z.enum(['live', HISTORY_MODE]).optional().meta({
    description:
      'The batch\'s mode. Absent (or `live`): a live batch. `history`: a batch of a history load (`npm run import -- --history`, README "Bulk backfill"), for a source allowed to (`npm run source:set -- --name NAME --history-load yes`; otherwise 403). While a load runs (until 3 s after its last batch) the projection writer folds the backlog in full passes and the log may run further ahead of it before batches are answered 503, data trust treats the events as history (no `backdated` or `synced_after_finish` flag), the early warning takes the load\'s dossiers once when it ends, and the dashboard says "Đang nạp lịch sử". Accepted events, answers and final figures are those of a live batch. Any other value: 400.',
  }),
});
const ingestMode = ingestModeHeaders.shape['X-Ingest-Mode'];

/**
 * The batch's mode from `X-Ingest-Mode`: absent → live; `history` → a history load (history-load.ts),
 * for a source allowed to (403 otherwise); anything else → 400.
 */
function historyMode(req: Request, source: SourceRow): boolean {
  const raw = req.get(INGEST_MODE_HEADER);
  const mode = ingestMode.safeParse(raw === '' ? undefined : raw);
  if (!mode.success)
    throw new HttpError(
      400,
      'bad_request',
      `header X-Ingest-Mode: "${String(raw).slice(0, 40)}" is not a mode; send "history" or leave it out`,
    );
  if (mode.data !== HISTORY_MODE) return false;
  if (!source.historyLoad)
    throw new HttpError(
      403,
      'forbidden',
      `source "${source.name}" may not send history-load batches; an operator allows it with \`npm run source:set -- --name ${source.name} --history-load yes\``,
    );
  return true;
}

function answerOf(results: EventResult[]): IngestAnswer {
  let accepted = 0;
  let duplicate = 0;
  let rejected = 0;
  for (const r of results) {
    if (r.status === 'accepted') accepted++;
    else if (r.status === 'duplicate') duplicate++;
    else rejected++;
  }
  return { accepted, duplicate, rejected, results };
}

/**
 * POST /api/v1/ingest/dossiers and /tasks; and /dvcqg (the national sync format) when its adapter is given.
 * The ingest path is the synchronous one (SQLite, answered in the handler) or the asynchronous one
 * (PostgreSQL, async-ingest.ts: answered when its promise settles).
 */
export function ingestRoutes(
  keys: IngestKeys,
  service: Pick<IngestService, 'ingest'> | Pick<AsyncIngestService, 'ingest'>,
  o: IngestRouteOptions = { ratePerMinute: 1_200, now: Date.now },
  dvcqg?: DvcqgIngest | AsyncDvcqgIngest,
): Router {
  const router = Router();
  if (o.admit) router.use('/ingest', o.admit);
  // Strict UTF-8 / UTF-16: a body in another encoding is refused naming the byte, never decoded lossily.
  const json = ingestJsonBody(MAX_INGEST_BODY);
  const buckets = (o.rateLimits ?? memoryRateLimits)('ingest', { perMinute: o.ratePerMinute });
  const perSource: RequestHandler = async (req, _res, next) => {
    const source = (req as Request & { source: SourceRow }).source;
    const t = await buckets.take(`s${source.id}`, o.now());
    next(t.ok ? undefined : tooMany(t.retryAfterMs, `source "${source.name}" sent more than ${o.ratePerMinute} requests a minute`));
  };
  for (const [path, kind] of [
    ['/ingest/dossiers', 'dossier'],
    ['/ingest/tasks', 'task'],
  ] as const) {
    router.post(path, sourceAuth(keys, kind, o), perSource, ...json, (req, res) => {
      const parsed = anyBatch.safeParse(req.body);
      if (!parsed.success) {
        const events = (req.body as { events?: unknown } | undefined)?.events;
        if (Array.isArray(events) && events.length > MAX_EVENTS_PER_BATCH) {
          throw new HttpError(413, 'too_many_events', `at most ${MAX_EVENTS_PER_BATCH} events per request (got ${events.length})`);
        }
        throw new HttpError(400, 'invalid_body', 'the body must be a JSON object with an "events" array');
      }
      const body = parsed.data;
      const source = (req as Request & { source: SourceRow }).source;
      const results = service.ingest(source, kind, body.events, { history: historyMode(req, source) });
      if (Array.isArray(results)) res.json(answerOf(results));
      else return results.then((r) => void res.json(answerOf(r)));
    });
  }
  if (dvcqg) {
    // A dossier source's key, and the same per-source rate as its native batches.
    router.post('/ingest/dvcqg', sourceAuth(keys, 'dossier', o), perSource, ...json, (req, res) => {
      const batch = readDvcqgBody(req.body, req.query);
      const answer = dvcqg.sync((req as Request & { source: SourceRow }).source, batch);
      if (answer instanceof Promise) return answer.then((a) => void res.json(a));
      res.json(answer);
    });
  }
  return router;
}
