import type { DossierEvent, HandlerRef, IndexFieldsInput, ProcedureRef, TaskEvent } from './types.js';
import { INDEX_FIELD_KEYS } from './service-index-facts.js';
import { FEE_MAX } from './wire-limits.js';
import { parseDueDate, parseIsoWithOffset } from './time.js';

/**
 * A fast path in front of the zod schemas of wire-schemas.ts, which stay the schema of record.
 *
 * Each function returns exactly what the zod schema's parse returns (same values, same keys, unknown
 * keys dropped) for an event it fully recognises, and `undefined` for anything else — including
 * every input zod would reject — so that the caller asks zod, which decides and explains the errors.
 * It never accepts what zod rejects (tests/server/domain/fast-parse.test.ts checks both on valid and
 * mutated events). zod's discriminated union costs a few µs per event; at tens of thousands of events
 * per second this path matters.
 */

type Obj = Record<string, unknown>;

const ID_MAX = 200;
const TEXT_MAX = 2_000;
const CODE_MAX = 40;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** z.string().trim().min(1).max(max): the trimmed string, or undefined. */
function trimmed(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length >= 1 && t.length <= max ? t : undefined;
}

/** z.string().max(max) (no trim). */
function text(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.length <= max ? v : undefined;
}

function instant(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  return parseIsoWithOffset(v) ?? undefined;
}

function dueInstant(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  return parseDueDate(v) ?? undefined;
}

function procedure(v: unknown): ProcedureRef | undefined {
  if (!isObject(v)) return undefined;
  const code = trimmed(v.code, CODE_MAX);
  const name = trimmed(v.name, 500);
  const field = trimmed(v.field, 200);
  const legalDays = v.legalDays;
  if (code === undefined || name === undefined || field === undefined) return undefined;
  if (typeof legalDays !== 'number' || !Number.isFinite(legalDays) || legalDays <= 0 || legalDays > 365) return undefined;
  return { code, name, field, legalDays };
}

function handler(v: unknown): HandlerRef | undefined {
  if (!isObject(v)) return undefined;
  const id = trimmed(v.id, ID_MAX);
  const name = trimmed(v.name, 200);
  const unit = trimmed(v.unit, CODE_MAX);
  if (id === undefined || name === undefined || unit === undefined) return undefined;
  return { id, name, unit };
}

/** An optional field: absent → `absent`; present → its parse, or FAIL. */
const FAIL = Symbol('fail');
function optional<T>(v: unknown, parse: (v: unknown) => T | undefined): T | undefined | typeof FAIL {
  if (v === undefined) return undefined;
  const p = parse(v);
  return p === undefined ? FAIL : p;
}

const optText = (v: unknown) => optional(v, (x) => text(x, TEXT_MAX));

/**
 * wire-schemas.ts indexFields with its fee/hasFee agreement: the fields present (in the schema's key
 * order, as zod returns them), or FAIL.
 */
function indexFields(raw: Obj): IndexFieldsInput | typeof FAIL {
  const out: IndexFieldsInput = {};
  const fee = raw.fee;
  if (fee !== undefined) {
    if (typeof fee !== 'number' || !Number.isFinite(fee) || fee < 0 || fee > FEE_MAX) return FAIL;
    out.fee = fee;
  }
  for (const key of INDEX_FIELD_KEYS) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') return FAIL;
    out[key] = v;
  }
  if (out.fee !== undefined && out.hasFee !== undefined && out.hasFee !== out.fee > 0) return FAIL;
  return out;
}

/** The zod parse of a well-formed dossier event (dossierEventSchema), or undefined: ask zod. */
export function fastParseDossierEvent(raw: Obj): DossierEvent | undefined {
  const id = trimmed(raw.id, ID_MAX);
  const dossierId = trimmed(raw.dossierId, ID_MAX);
  const at = instant(raw.at);
  if (id === undefined || dossierId === undefined || at === undefined) return undefined;
  switch (raw.type) {
    case 'received': {
      const unit = trimmed(raw.unit, CODE_MAX);
      const proc = procedure(raw.procedure);
      const channel = raw.channel;
      const dueAt = dueInstant(raw.dueAt);
      const fields = indexFields(raw);
      if (unit === undefined || proc === undefined || dueAt === undefined || fields === FAIL) return undefined;
      if (channel !== 'online' && channel !== 'in_person' && channel !== 'postal') return undefined;
      return { id, dossierId, at, type: 'received', unit, procedure: proc, channel, dueAt, ...fields };
    }
    case 'assigned': {
      const h = handler(raw.handler);
      const stepDueAt = optional(raw.stepDueAt, dueInstant);
      if (h === undefined || stepDueAt === FAIL) return undefined;
      return stepDueAt === undefined
        ? { id, dossierId, at, type: 'assigned', handler: h }
        : { id, dossierId, at, type: 'assigned', handler: h, stepDueAt };
    }
    case 'supplement_requested':
    case 'stopped':
    case 'refused':
    case 'withdrawn': {
      const reason = optText(raw.reason);
      if (reason === FAIL) return undefined;
      return reason === undefined ? { id, dossierId, at, type: raw.type } : { id, dossierId, at, type: raw.type, reason };
    }
    case 'supplement_received': {
      const dueAt = optional(raw.dueAt, dueInstant);
      if (dueAt === FAIL) return undefined;
      return dueAt === undefined
        ? { id, dossierId, at, type: 'supplement_received' }
        : { id, dossierId, at, type: 'supplement_received', dueAt };
    }
    case 'apology_issued': {
      const proposedDueAt = dueInstant(raw.proposedDueAt);
      const reason = trimmed(raw.reason, TEXT_MAX);
      if (proposedDueAt === undefined || reason === undefined) return undefined;
      return { id, dossierId, at, type: 'apology_issued', proposedDueAt, reason };
    }
    case 'processed':
    case 'returned': {
      const fields = indexFields(raw);
      return fields === FAIL ? undefined : { id, dossierId, at, type: raw.type, ...fields };
    }
    case 'rated': {
      const rating = raw.rating;
      const complaint = optText(raw.complaint);
      if ((rating !== 'satisfied' && rating !== 'unsatisfied') || complaint === FAIL) return undefined;
      return complaint === undefined
        ? { id, dossierId, at, type: 'rated', rating }
        : { id, dossierId, at, type: 'rated', rating, complaint };
    }
    default:
      return undefined;
  }
}

const DOC_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The zod parse of a well-formed task event (taskEventSchema), or undefined: ask zod. */
export function fastParseTaskEvent(raw: Obj): TaskEvent | undefined {
  const id = trimmed(raw.id, ID_MAX);
  const taskId = trimmed(raw.taskId, ID_MAX);
  const at = instant(raw.at);
  if (id === undefined || taskId === undefined || at === undefined) return undefined;
  switch (raw.type) {
    case 'assigned': {
      const title = trimmed(raw.title, TEXT_MAX);
      const doc = raw.document;
      const issuer = trimmed(raw.issuer, 200);
      const assignee = trimmed(raw.assignee, CODE_MAX);
      const dueAt = optional(raw.dueAt, dueInstant);
      if (title === undefined || issuer === undefined || assignee === undefined || dueAt === FAIL || !isObject(doc)) return undefined;
      const number = trimmed(doc.number, 100);
      const date = doc.date;
      if (number === undefined || typeof date !== 'string' || !DOC_DATE.test(date)) return undefined;
      const e: TaskEvent = { id, taskId, at, type: 'assigned', title, document: { number, date }, issuer, assignee };
      if (dueAt !== undefined) e.dueAt = dueAt;
      return e;
    }
    case 'extended': {
      const dueAt = dueInstant(raw.dueAt);
      const reason = trimmed(raw.reason, TEXT_MAX);
      if (dueAt === undefined || reason === undefined) return undefined;
      return { id, taskId, at, type: 'extended', dueAt, reason };
    }
    case 'progress_reported': {
      const note = optText(raw.note);
      const percent = optional(raw.percent, (x) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 100 ? x : undefined));
      if (note === FAIL || percent === FAIL) return undefined;
      const e: TaskEvent = { id, taskId, at, type: 'progress_reported' };
      if (note !== undefined) e.note = note;
      if (percent !== undefined) e.percent = percent;
      return e;
    }
    case 'completed': {
      const note = optText(raw.note);
      if (note === FAIL) return undefined;
      return note === undefined ? { id, taskId, at, type: 'completed' } : { id, taskId, at, type: 'completed', note };
    }
    case 'cancelled': {
      const reason = optText(raw.reason);
      if (reason === FAIL) return undefined;
      return reason === undefined ? { id, taskId, at, type: 'cancelled' } : { id, taskId, at, type: 'cancelled', reason };
    }
    default:
      return undefined;
  }
}
