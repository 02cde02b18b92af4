import { z } from 'zod';
import { parseDueDate, parseIsoWithOffset } from './time.js';
import { FEE_MAX } from './wire-limits.js';
import { useWireSchemas } from './logged-events.js';

/**
 * zod schemas of the public ingest contract (wire format, ISO strings). Each schema turns dates into
 * epoch ms while validating, so a message names the field and says why it is wrong.
 */

const ID_MAX = 200;
const TEXT_MAX = 2_000;

const instant = z.string().transform((s, ctx) => {
  const t = parseIsoWithOffset(s);
  if (t === null) {
    ctx.addIssue({
      code: 'custom',
      message: `"${s.slice(0, 60)}" is not an ISO 8601 date-time with an offset (e.g. 2026-11-20T08:15:00+07:00)`,
    });
    return z.NEVER;
  }
  return t;
});

/** A due date: ISO with offset, or a bare YYYY-MM-DD meaning the end of that day in Vietnam time. */
const dueInstant = z.string().transform((s, ctx) => {
  const t = parseDueDate(s);
  if (t === null) {
    ctx.addIssue({
      code: 'custom',
      message: `"${s.slice(0, 60)}" is neither an ISO 8601 date-time with an offset nor a date YYYY-MM-DD`,
    });
    return z.NEVER;
  }
  return t;
});

const id = z.string().trim().min(1, 'must not be empty').max(ID_MAX);
const text = z.string().max(TEXT_MAX);
const code = z.string().trim().min(1, 'must not be empty').max(40);

const dossierBase = { id, dossierId: id, at: instant };

export const procedureSchema = z.object({
  code: code,
  name: z.string().trim().min(1, 'must not be empty').max(500),
  field: z.string().trim().min(1, 'must not be empty').max(200),
  legalDays: z.number().positive('must be a positive number of working days').max(365),
});

export const handlerSchema = z.object({
  id: id,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  unit: code,
});

export { FEE_MAX } from './wire-limits.js';

/**
 * The national service index's optional fields (types.ts IndexFieldsInput), on `received`,
 * `processed` and `returned`. Absent means unknown, which the index counts as not computable.
 */
const indexFields = {
  fee: z.number().min(0, 'must be a fee in VND, 0 or more').max(FEE_MAX).optional(),
  hasFee: z.boolean().optional(),
  paidOnline: z.boolean().optional(),
  electronicResult: z.boolean().optional(),
  digitized: z.boolean().optional(),
  reusedData: z.boolean().optional(),
  fromPersonalDataStore: z.boolean().optional(),
  citizenDataConnected: z.boolean().optional(),
  complaint: z.boolean().optional(),
};

/** `fee` and `hasFee` say the same thing twice: they must agree. */
const feeAgrees = (e: { fee?: number; hasFee?: boolean }) => e.fee === undefined || e.hasFee === undefined || e.hasFee === e.fee > 0;
const FEE_DISAGREES = { message: 'hasFee contradicts fee (hasFee must be true exactly when fee > 0)', path: ['hasFee'] };

export const dossierEventSchema = z.discriminatedUnion(
  'type',
  [
    z
      .object({
        ...dossierBase,
        type: z.literal('received'),
        unit: code,
        procedure: procedureSchema,
        channel: z.enum(['online', 'in_person', 'postal']),
        dueAt: dueInstant,
        ...indexFields,
      })
      .refine(feeAgrees, FEE_DISAGREES),
    z.object({ ...dossierBase, type: z.literal('assigned'), handler: handlerSchema, stepDueAt: dueInstant.optional() }),
    z.object({ ...dossierBase, type: z.literal('supplement_requested'), reason: text.optional() }),
    z.object({ ...dossierBase, type: z.literal('supplement_received'), dueAt: dueInstant.optional() }),
    z.object({
      ...dossierBase,
      type: z.literal('apology_issued'),
      proposedDueAt: dueInstant,
      reason: z.string().trim().min(1, 'must say why').max(TEXT_MAX),
    }),
    z.object({ ...dossierBase, type: z.literal('processed'), ...indexFields }).refine(feeAgrees, FEE_DISAGREES),
    z.object({ ...dossierBase, type: z.literal('returned'), ...indexFields }).refine(feeAgrees, FEE_DISAGREES),
    z.object({ ...dossierBase, type: z.literal('stopped'), reason: text.optional() }),
    z.object({ ...dossierBase, type: z.literal('refused'), reason: text.optional() }),
    z.object({ ...dossierBase, type: z.literal('withdrawn'), reason: text.optional() }),
    z.object({
      ...dossierBase,
      type: z.literal('rated'),
      rating: z.enum(['satisfied', 'unsatisfied']),
      complaint: text.optional(),
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'unknown type: expected one of received, assigned, supplement_requested, supplement_received, apology_issued, processed, returned, stopped, refused, withdrawn, rated'
        : undefined,
  },
);

const taskBase = { id, taskId: id, at: instant };

export const taskEventSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...taskBase,
      type: z.literal('assigned'),
      title: z.string().trim().min(1, 'must not be empty').max(TEXT_MAX),
      document: z.object({
        number: z.string().trim().min(1, 'must not be empty').max(100),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
      }),
      issuer: z.string().trim().min(1, 'must not be empty').max(200),
      assignee: code,
      dueAt: dueInstant.optional(),
    }),
    z.object({
      ...taskBase,
      type: z.literal('extended'),
      dueAt: dueInstant,
      reason: z.string().trim().min(1, 'must say why').max(TEXT_MAX),
    }),
    z.object({
      ...taskBase,
      type: z.literal('progress_reported'),
      note: text.optional(),
      percent: z.number().min(0).max(100).optional(),
    }),
    z.object({ ...taskBase, type: z.literal('completed'), note: text.optional() }),
    z.object({ ...taskBase, type: z.literal('cancelled'), reason: text.optional() }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'unknown type: expected one of assigned, extended, progress_reported, completed, cancelled'
        : undefined,
  },
);

// The log's parser falls back on these schemas for a payload its fast path does not recognise; it
// gets them from here, so that a thread that never loads this module (the projection writer) never
// loads zod (logged-events.ts).
useWireSchemas({ dossierEventSchema, taskEventSchema });
