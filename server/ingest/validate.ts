import type { z } from 'zod';
import type { DossierEvent, TaskEvent } from '../domain/types.js';
import { toVnIso } from '../domain/time.js';
import type { FieldError } from '../../shared/contract/errors.js';
import { dossierEventSchema, taskEventSchema } from '../domain/wire-schemas.js';
import { fastParseDossierEvent, fastParseTaskEvent } from '../domain/fast-parse.js';

export type IngestKind = 'dossier' | 'task';

/** How far ahead of the server clock an event's `at` may be (clock skew between systems). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

export interface ValidationContext {
  now: number;
  /** True when the code is a unit or department of the jurisdiction. */
  isKnownCode(code: string): boolean;
  jurisdictionName: string;
}

export type Validated =
  | { ok: true; kind: 'dossier'; event: DossierEvent; payload: string }
  | { ok: true; kind: 'task'; event: TaskEvent; payload: string }
  | { ok: false; eventId: string | null; errors: FieldError[] };

/** Validates one wire event: shape (zod), then the facts it claims (known codes, clock, order of dates). */
export function validateEvent(kind: IngestKind, raw: unknown, ctx: ValidationContext): Validated {
  const eventId = rawEventId(raw);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, eventId, errors: [{ path: '', message: 'an event must be a JSON object' }] };
  }
  const obj = raw as Record<string, unknown>;
  let event: DossierEvent | TaskEvent | undefined = kind === 'dossier' ? fastParseDossierEvent(obj) : fastParseTaskEvent(obj);
  if (event === undefined) {
    // Not recognised by the fast path: zod, the schema of record, decides and explains.
    const parsed = kind === 'dossier' ? dossierEventSchema.safeParse(raw) : taskEventSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, eventId, errors: withCodeErrors(zodErrors(parsed.error, obj), kind, obj, ctx) };
    event = parsed.data as DossierEvent | TaskEvent;
  }
  const errors = kind === 'dossier' ? checkDossier(event as DossierEvent, ctx) : checkTask(event as TaskEvent, ctx);
  if (errors.length) return { ok: false, eventId, errors };
  // The event as sent, for the log.
  const payload = JSON.stringify(raw);
  return kind === 'dossier'
    ? { ok: true, kind, event: event as DossierEvent, payload }
    : { ok: true, kind, event: event as TaskEvent, payload };
}

function checkCommon(e: { at: number }, ctx: ValidationContext, errors: FieldError[]): void {
  if (e.at > ctx.now + MAX_FUTURE_SKEW_MS) {
    errors.push({
      path: 'at',
      message: `${toVnIso(e.at)} is more than 5 minutes after the server's clock (${toVnIso(ctx.now)})`,
    });
  }
}

function unknownCode(code: string, ctx: ValidationContext): string {
  return `unknown code "${code}": not a unit or department of ${ctx.jurisdictionName}`;
}

function checkDossier(e: DossierEvent, ctx: ValidationContext): FieldError[] {
  const errors: FieldError[] = [];
  checkCommon(e, ctx, errors);
  switch (e.type) {
    case 'received':
      if (!ctx.isKnownCode(e.unit)) errors.push({ path: 'unit', message: unknownCode(e.unit, ctx) });
      if (e.dueAt < e.at) errors.push({ path: 'dueAt', message: 'is before the receipt time `at`' });
      break;
    case 'assigned':
      if (!ctx.isKnownCode(e.handler.unit)) errors.push({ path: 'handler.unit', message: unknownCode(e.handler.unit, ctx) });
      if (e.stepDueAt !== undefined && e.stepDueAt < e.at)
        errors.push({ path: 'stepDueAt', message: 'is before the assignment time `at`' });
      break;
    case 'supplement_received':
      if (e.dueAt !== undefined && e.dueAt < e.at)
        errors.push({ path: 'dueAt', message: 'the new due date is before the supplement was received' });
      break;
    case 'apology_issued':
      if (e.proposedDueAt < e.at) errors.push({ path: 'proposedDueAt', message: 'the proposed new date is before the letter was issued' });
      break;
    default:
      break;
  }
  return errors;
}

function checkTask(e: TaskEvent, ctx: ValidationContext): FieldError[] {
  const errors: FieldError[] = [];
  checkCommon(e, ctx, errors);
  if (e.type === 'assigned') {
    if (!ctx.isKnownCode(e.assignee)) errors.push({ path: 'assignee', message: unknownCode(e.assignee, ctx) });
    if (e.dueAt !== undefined && e.dueAt < e.at) errors.push({ path: 'dueAt', message: 'is before the assignment time `at`' });
  }
  if (e.type === 'extended' && e.dueAt < e.at) errors.push({ path: 'dueAt', message: 'the extended deadline is before the extension' });
  return errors;
}

/**
 * A malformed event's unit codes are checked too, where they are strings, so that the sender learns
 * every error at once instead of one round trip per mistake.
 */
function withCodeErrors(errors: FieldError[], kind: IngestKind, obj: Record<string, unknown>, ctx: ValidationContext): FieldError[] {
  const flagged = new Set(errors.map((e) => e.path));
  const check = (path: string, code: unknown) => {
    if (typeof code === 'string' && !flagged.has(path) && !ctx.isKnownCode(code)) errors.push({ path, message: unknownCode(code, ctx) });
  };
  if (kind === 'dossier' && obj.type === 'received') check('unit', obj.unit);
  if (kind === 'dossier' && obj.type === 'assigned' && obj.handler && typeof obj.handler === 'object') {
    check('handler.unit', (obj.handler as Record<string, unknown>).unit);
  }
  if (kind === 'task' && obj.type === 'assigned') check('assignee', obj.assignee);
  return errors;
}

function zodErrors(err: z.ZodError, raw: Record<string, unknown>): FieldError[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: describeIssue(i, raw) }));
}

/** The value the sender put at a path (zod's issues do not carry it). */
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function describeIssue(i: z.core.$ZodIssue, raw: Record<string, unknown>): string {
  if (i.code === 'invalid_type') {
    const received = valueAt(raw, i.path);
    if (received === undefined) return `is required (${i.expected})`;
    // A number sent as a string ("3") is the commonest: say what was sent.
    const sent =
      received === null ? 'null' : typeof received === 'string' ? `the string ${JSON.stringify(received.slice(0, 40))}` : typeof received;
    return `must be ${i.expected}, not ${sent}`;
  }
  if (i.code === 'invalid_value') return `${i.message}`;
  if (i.code === 'unrecognized_keys') return `unknown field(s): ${i.keys.join(', ')}`;
  return i.message;
}

/** The `id` a raw event claims (as text, at most 200 characters), for results and quarantine; null without one. */
export function rawEventId(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'id' in raw) {
    const v = (raw as { id: unknown }).id;
    if (typeof v === 'string' || typeof v === 'number') return String(v).slice(0, 200);
  }
  return null;
}
