/**
 * zod schemas of the main answers of the ingest and read APIs, for the OpenAPI description
 * (server/http/openapi/) and for the tests that parse real answers of a real server with them, which
 * is what keeps them from drifting. Each is checked against its TypeScript type at compile time
 * (`Same` below): a field added to one and not the other fails the typecheck.
 */
import { z } from 'zod';
import { ERROR_CODES, type ErrorBody, type FieldError } from './errors.js';
import { DVCQG_SERVICES, type DvcqgAnswer } from './dvcqg.js';
import type { Page, TaskListItem } from './api.js';
import { CATALOGUE_INDICATORS, COMPUTABLE_INDICATORS } from './service-index.js';
import { INDEX_DRILL_SIDES, type DossierDrillPage } from './index-drill.js';
import {
  REPLAY_AS_OF,
  REPLAY_MARK_KINDS,
  REPLAY_OMITTED,
  type DossierListAtResponse,
  type ReplayCompareResponse,
  type ReplayInfo,
  type ReplayMarksResponse,
} from './replay.js';

/** True when A and B are the same type (both ways assignable, modifiers included). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when given `true`. */
const same = <T extends true>(): T | undefined => undefined;

/** An instant on the wire: ISO 8601 with an offset (+07:00 from this server). */
const instant = z.string().meta({ description: 'ISO 8601 date-time with offset, e.g. 2026-11-20T08:15:00.000+07:00' });

export const fieldErrorSchema = z.strictObject({
  path: z.string().meta({ description: 'Dotted path into the event or record, e.g. `procedure.code`; empty for the whole of it.' }),
  message: z.string(),
});

export const errorBodySchema = z
  .strictObject({ error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() }) })
  .meta({ description: 'Every refused request: a stable code and a message (shared/contract/errors.ts).' });

const eventResult = z.discriminatedUnion('status', [
  z.strictObject({ index: z.number().int(), id: z.string().nullable(), status: z.literal('accepted') }),
  z.strictObject({ index: z.number().int(), id: z.string().nullable(), status: z.literal('duplicate') }),
  z.strictObject({ index: z.number().int(), id: z.string().nullable(), status: z.literal('rejected'), errors: z.array(fieldErrorSchema) }),
]);

/** POST /ingest/dossiers and /ingest/tasks: one result per event, in order. */
export const ingestAnswerSchema = z.strictObject({
  accepted: z.number().int().min(0),
  duplicate: z.number().int().min(0),
  rejected: z.number().int().min(0),
  results: z.array(eventResult),
});
export type IngestAnswer = z.infer<typeof ingestAnswerSchema>;

/** POST /ingest/dvcqg: one result per record, with the native events each produced. */
export const dvcqgAnswerSchema = z.strictObject({
  service: z.enum(DVCQG_SERVICES),
  accepted: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  rejected: z.number().int().min(0),
  events: z.number().int().min(0).meta({ description: 'Native events added to the log by this batch.' }),
  results: z.array(
    z.strictObject({
      index: z.number().int(),
      id: z.string().nullable().meta({ description: 'MaHoSo as sent (null without one).' }),
      status: z.enum(['accepted', 'unchanged', 'rejected']),
      events: z.array(z.strictObject({ id: z.string(), type: z.string(), status: z.enum(['accepted', 'duplicate', 'rejected']) })),
      errors: z.array(fieldErrorSchema).optional(),
    }),
  ),
});

const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    items: z.array(item),
  });

export const dossierListItemSchema = z.strictObject({
  id: z.string(),
  unit: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  field: z.string(),
  channel: z.enum(['online', 'in_person', 'postal']).nullable(),
  receivedAt: instant.nullable(),
  dueAt: instant.nullable(),
  endAt: instant.nullable(),
  timeliness: z.enum(['early', 'on_time', 'late', 'overdue', 'due_soon', 'in_term', 'awaiting_supplement', 'paused', 'excluded']),
  daysOverdue: z.number(),
  overdueReason: z.enum(['past_due', 'supplements']).nullable(),
  holderId: z.string().nullable(),
  holderName: z.string().nullable(),
  supplementRequests: z.number().int().min(0),
  apologies: z.number().int().min(0),
});
/** What a drilled list shows (`indicator` and `side` asked): one side of one indicator over one period. */
const indexDrill = z.strictObject({
  indicator: z.enum([...COMPUTABLE_INDICATORS, ...CATALOGUE_INDICATORS]),
  side: z.enum(INDEX_DRILL_SIDES),
  window: z.strictObject({
    period: z.string(),
    kind: z.enum(['month', 'quarter', 'year']),
    from: instant,
    to: instant,
    current: z.boolean(),
  }),
});
export const dossierListPageSchema = page(dossierListItemSchema).extend({ drill: indexDrill.optional() });

export const taskListItemSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  documentNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  assignee: z.string(),
  assignedAt: instant.nullable(),
  dueAt: instant.nullable(),
  completedAt: instant.nullable(),
  timeliness: z.enum(['open_in_term', 'open_overdue', 'done_on_time', 'done_late', 'no_deadline', 'cancelled']),
  daysOverdue: z.number(),
  extensions: z.number().int().min(0),
});
export const taskListPageSchema = page(taskListItemSchema);

// The compile-time checks: each schema says exactly what its TypeScript type says.
same<Same<z.infer<typeof fieldErrorSchema>, FieldError>>();
same<Same<z.infer<typeof errorBodySchema>, ErrorBody>>();
same<Same<z.infer<typeof dvcqgAnswerSchema>, DvcqgAnswer>>();
same<Same<z.infer<typeof dossierListPageSchema>, DossierDrillPage>>();
same<Same<z.infer<typeof taskListPageSchema>, Page<TaskListItem>>>();

/** GET /overview?at=…: the block that marks an answer about a past instant (shared/contract/replay.ts). */
export const replayInfoSchema = z
  .strictObject({
    at: instant,
    asOf: z.enum(REPLAY_AS_OF),
    rules: z.literal('now'),
    checkpointAt: instant.nullable(),
    itemsFolded: z.number().int().min(0),
    firstArrival: instant.nullable(),
    omitted: z.array(z.enum(REPLAY_OMITTED)),
  })
  .meta({
    description: 'The overview at a past instant: which instant, as received or as corrected, classified by the rules in force now.',
  });
same<Same<z.infer<typeof replayInfoSchema>, ReplayInfo>>();

/** GET /units/:code/dossiers?at=…: the dossiers overdue at a past instant, with who held each then. */
export const dossierListAtSchema = page(dossierListItemSchema)
  .extend({ replay: replayInfoSchema })
  .meta({ description: 'The dossiers overdue at a past instant, most overdue first, each with the official who held it then' });
same<Same<z.infer<typeof dossierListAtSchema>, DossierListAtResponse>>();

const replayChangeRow = z.strictObject({ scope: z.string(), from: z.number().int(), to: z.number().int(), change: z.number().int() });
/** GET /replay/compare: the dossiers overdue at two moments per scope, the units that got worse most first. */
export const replayCompareSchema = z
  .strictObject({
    from: instant,
    to: instant,
    asOf: z.enum(REPLAY_AS_OF),
    metric: z.literal('overdue'),
    rules: z.literal('now'),
    city: replayChangeRow.nullable(),
    rows: z.array(replayChangeRow),
  })
  .meta({ description: 'Change in the dossiers overdue from A to B, per scope, largest increase first' });
same<Same<z.infer<typeof replayCompareSchema>, ReplayCompareResponse>>();

/** GET /replay/marks: the rule changes (the working calendar's) between two instants, oldest first. */
export const replayMarksSchema = z
  .strictObject({
    from: instant,
    to: instant,
    marks: z.array(
      z.strictObject({
        at: instant,
        kind: z.enum(REPLAY_MARK_KINDS),
        what: z.array(z.string()),
        appliesAfterRestart: z.boolean(),
      }),
    ),
  })
  .meta({ description: 'Changes of the working calendar between two instants: a replay classifies by the rules in force now' });
same<Same<z.infer<typeof replayMarksSchema>, ReplayMarksResponse>>();
