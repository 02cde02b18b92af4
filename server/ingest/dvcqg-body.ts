/**
 * The shapes one-stop systems post in the DVCQG format, read into one batch: the wrapper
 * `{"service", "isUpdating", "data": [...]}`, or the bare array with `isUpdating` (and `MaDinhDanhDV`,
 * and `service` for progress steps) in the query string. `isUpdating` is checked and otherwise not
 * needed: each record is compared with what is known of its dossier.
 */
import { z } from 'zod';
import { DVCQG_SERVICES, type DvcqgService } from '../../shared/contract/dvcqg.js';
import { HttpError } from '../errors.js';
import type { DvcqgBatch } from './dvcqg-service.js';

/** Most records one request may carry (as many as native events). */
export const MAX_DVCQG_RECORDS = 5_000;

type Query = Record<string, unknown>;

/** `isUpdating` in the query string: checked, otherwise not needed (records are compared with what is known). */
export const isUpdatingText = z.string().regex(/^\s*(true|false|1|0)\s*$/i);
/** `isUpdating` in the wrapper object: a boolean, or the same text as in the query. */
export const isUpdatingValue = z.union([z.boolean(), isUpdatingText]);
/** The service: dossier snapshots (the default, also for an empty value) or progress steps. */
export const dvcqgServiceValue = z.union([z.enum(DVCQG_SERVICES), z.literal('')]);
/** The query string, for every body shape (the bare array needs it; the wrapper's own fields win). */
export const dvcqgQuery = z.object({
  isUpdating: isUpdatingText.optional(),
  MaDinhDanhDV: z.string().optional().meta({ description: "The unit's code or name, for records without DonViXuLy." }),
  service: dvcqgServiceValue.optional(),
});
/**
 * The body's two shapes with records as `record` says (readDvcqgBody checks the envelope with the
 * field schemas above; each record is then read field by field by domain/dvcqg-record.ts).
 */
export const dvcqgBody = <T extends z.ZodType>(record: T) =>
  z.union([
    z.object({
      service: dvcqgServiceValue.optional(),
      isUpdating: isUpdatingValue.optional(),
      MaDinhDanhDV: z.string().optional(),
      data: z.array(record).max(MAX_DVCQG_RECORDS),
    }),
    z.array(record).max(MAX_DVCQG_RECORDS),
  ]);

const one = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

function checkIsUpdating(v: unknown, where: string): void {
  if (v === undefined || (where === 'query' ? isUpdatingText : isUpdatingValue).safeParse(v).success) return;
  throw new HttpError(400, where === 'query' ? 'invalid_query' : 'invalid_body', `isUpdating must be true or false (${where})`);
}

function readService(v: unknown, where: string): DvcqgService {
  const parsed = dvcqgServiceValue.optional().safeParse(v);
  if (parsed.success) return parsed.data || 'DongBoHoSoMC';
  throw new HttpError(
    400,
    where === 'query' ? 'invalid_query' : 'invalid_body',
    `unknown service "${String(v).slice(0, 60)}" (${where}): expected ${DVCQG_SERVICES.join(' or ')}`,
  );
}

/** The batch a request carries; 400 for a shape it cannot be, 413 over MAX_DVCQG_RECORDS records. */
export function readDvcqgBody(body: unknown, query: Query): DvcqgBatch {
  const queryUnit = one(query.MaDinhDanhDV)?.trim() || null;
  checkIsUpdating(one(query.isUpdating), 'query');
  let batch: DvcqgBatch;
  if (Array.isArray(body)) {
    batch = { service: readService(one(query.service), 'query'), records: body, defaultUnit: queryUnit };
  } else if (body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)) {
    const b = body as { service?: unknown; isUpdating?: unknown; data: unknown[]; MaDinhDanhDV?: unknown };
    checkIsUpdating(b.isUpdating, 'body');
    const bodyUnit = typeof b.MaDinhDanhDV === 'string' && b.MaDinhDanhDV.trim() ? b.MaDinhDanhDV.trim() : null;
    batch = { service: readService(b.service ?? one(query.service), 'body'), records: b.data, defaultUnit: bodyUnit ?? queryUnit };
  } else {
    throw new HttpError(
      400,
      'invalid_body',
      'the body must be {"service": "DongBoHoSoMC" | "CapNhatTienDoHoSoMC", "isUpdating": true|false, "data": [...]} or a JSON array of records',
    );
  }
  if (batch.records.length > MAX_DVCQG_RECORDS) {
    throw new HttpError(413, 'too_many_events', `at most ${MAX_DVCQG_RECORDS} records per request (got ${batch.records.length})`);
  }
  return batch;
}
