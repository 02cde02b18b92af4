/**
 * Reminders and explanation requests: send, mark read, answer, mark an answer seen, and the clock's
 * overdue sweep. Each transition is checked against the policy, stored, written to the audit log and
 * pushed live (RequestNotifier). Instants are the city's clock (the working calendar's time, the
 * dossiers' timelines); the audit log keeps its own wall clock.
 */
import type { AuditLog } from '../auth/audit.js';
import { canAnswerRequest, canReadRequest, canSendReminder, canSendRequest, type Principal } from '../auth/policy.js';
import type { ReminderRow } from '../db/reminders-repo.js';
import type { ItemStore } from '../db/item-store/contract.js';
import type { RequestsStore } from '../db/requests-store/contract.js';
import { answerDueAt, answerDueDayProblem, defaultAnswerDueDay } from '../domain/requests.js';
import { toVnIso } from '../domain/time.js';
import type { DomainSettings, WorkCalendar } from '../domain/types.js';
import { HttpError } from '../errors.js';
import type { ScopeKey } from '../metrics/types.js';
import type {
  DefaultDueResponse,
  RequestChange,
  RequestCreated,
  RequestKind,
  RequestUpdated,
  RequestView,
} from '../../shared/contract/requests.js';
import { REQUEST_ANSWER_MAX_CHARS, REQUEST_MESSAGE_MAX_CHARS } from '../../shared/contract/requests.js';
import { textLength } from '../../shared/request-state.js';
import { resolveTarget, type SendInput } from './request-target.js';
import { partiesOf, toRequestView } from './request-view.js';

/** Pushes a request's events to whoever may read it (server/realtime/request-rooms.ts). */
export interface RequestNotifier {
  created(parties: { to: ScopeKey; sentById: number }, msg: RequestCreated): void;
  /** `senderOnly`: to the sender's own sockets alone (an answer they saw). */
  updated(parties: { to: ScopeKey; sentById: number }, msg: RequestUpdated, senderOnly?: boolean): void;
}

export interface RequestServiceDeps {
  /** The requests (either engine). */
  requests: RequestsStore;
  /** Where a request's dossier or task is looked up, and whether one exists (either engine). */
  items: Pick<ItemStore, 'dossier' | 'task' | 'dossierUnit' | 'taskAssignee'>;
  audit: AuditLog;
  /** The city's clock. */
  now: () => number;
  calendar: WorkCalendar;
  settings: DomainSettings;
  scopeOf(code: string): ScopeKey | null;
  unitName(code: string): string;
  notifier: RequestNotifier;
}

export interface SendBody extends SendInput {
  kind: RequestKind;
  message: string;
  answerDueOn?: string;
}

/** Where an action came from, for the audit log. */
export interface Origin {
  ip: string | null;
}

const invalid = (msg: string) => new HttpError(400, 'invalid_reminder', msg);
const refused = (p: Principal, msg: string) =>
  p.role === 'public' ? new HttpError(401, 'login_required', msg) : new HttpError(403, 'forbidden', msg);

/** The service's dependencies and the helpers every transition uses. */
interface Ctx extends RequestServiceDeps {
  view(r: ReminderRow, now?: number): RequestView;
  visible(p: Principal, id: number): Promise<{ row: ReminderRow; to: ScopeKey }>;
  pushUpdated(row: ReminderRow, change: RequestChange): RequestView;
}

function context(deps: RequestServiceDeps): Ctx {
  const repo = deps.requests;
  const view = (r: ReminderRow, now = deps.now()): RequestView => toRequestView(r, now, deps.unitName);
  return {
    ...deps,
    view,
    /** The request as `p` may see it, or the refusal: another unit's request answers like a missing one. */
    async visible(p, id) {
      const row = Number.isInteger(id) && id > 0 ? await repo.get(id) : null;
      const pt = row ? partiesOf(row, deps.scopeOf) : null;
      if (!row || !pt || !canReadRequest(p, pt)) {
        if (p.role === 'public') throw new HttpError(401, 'login_required', 'sign in to see reminders');
        throw new HttpError(404, 'not_found', `no reminder ${id}`);
      }
      return { row, to: pt.to };
    },
    pushUpdated(row, change) {
      const now = deps.now();
      const v = view(row, now);
      const pt = partiesOf(row, deps.scopeOf);
      if (pt) deps.notifier.updated(pt, { asOf: toVnIso(now), change, request: v }, change === 'answer_seen');
      return v;
    },
  };
}

/** When the answer is due: null for a reminder; the chosen working day's end, or by default N working days on. */
function answerDue(ctx: Ctx, kind: RequestKind, day: string | undefined, sentAt: number): number | null {
  if (kind === 'reminder') {
    if (day !== undefined) throw invalid('answerDueOn: only an explanation request has an answer due date');
    return null;
  }
  if (day === undefined) return answerDueAt(defaultAnswerDueDay(sentAt, ctx.calendar, ctx.settings.accountability.explanationAnswerDays));
  const problem = answerDueDayProblem(day, sentAt, ctx.calendar);
  if (problem) throw invalid(`answerDueOn: ${problem}`);
  return answerDueAt(day);
}

/** `POST /reminders`: a reminder or an explanation request, to the unit the subject belongs to. */
async function send(ctx: Ctx, p: Principal, body: SendBody, origin: Origin): Promise<RequestView> {
  const t = await resolveTarget(p, body, ctx);
  if (!canSendRequest(p, { type: t.type, to: t.to, holderUnit: t.holder?.handlerUnit ?? null }))
    throw new HttpError(403, 'forbidden', `your role may not send requests about ${t.type} "${t.id}"`);
  const message = body.message.trim();
  if (!message) throw invalid('message: write what the unit is asked to do');
  const n = textLength(message);
  if (n > REQUEST_MESSAGE_MAX_CHARS) throw invalid(`message: at most ${REQUEST_MESSAGE_MAX_CHARS} characters (this one has ${n})`);
  const sentAt = ctx.now();
  const row = await ctx.requests.create({
    unit: t.unit,
    dossierId: t.dossierId,
    message,
    sentBy: p.userId!,
    sentAt,
    kind: body.kind,
    subject: { type: t.type, id: t.id, title: t.title },
    holder: t.holder ? { id: t.holder.handlerId, name: t.holder.handlerName, unit: t.holder.handlerUnit } : null,
    answerDueAt: answerDue(ctx, body.kind, body.answerDueOn, sentAt),
  });
  await ctx.audit.record({
    principal: p,
    action: `${row.kind}.sent`,
    target: t.dossierId && t.type === 'dossier' ? `dossier:${t.dossierId}` : `${t.type}:${t.id}`,
    ip: origin.ip,
    details: { id: row.id, unit: row.unit, holder: row.holderId, answerDueAt: row.answerDueAt === null ? null : toVnIso(row.answerDueAt) },
  });
  const v = ctx.view(row, sentAt);
  ctx.notifier.created({ to: t.to, sentById: row.sentById }, { asOf: toVnIso(sentAt), request: v });
  return v;
}

/** `POST /reminders/:id/acknowledge`: the unit has read it (Đã tiếp nhận). */
async function acknowledge(ctx: Ctx, p: Principal, id: number, origin: Origin): Promise<RequestView> {
  const { row, to } = await ctx.visible(p, id);
  if (!canAnswerRequest(p, { to, sentById: row.sentById }))
    throw new HttpError(403, 'forbidden', 'only the unit it was sent to may acknowledge this reminder');
  if (!(await ctx.requests.acknowledge(id, p.userId!, ctx.now())))
    throw new HttpError(409, 'already_acknowledged', 'this reminder was already acknowledged');
  await ctx.audit.record({
    principal: p,
    action: `${row.kind}.acknowledged`,
    target: `reminder:${id}`,
    ip: origin.ip,
    details: { unit: row.unit },
  });
  return ctx.pushUpdated((await ctx.requests.get(id))!, 'read');
}

/** `POST /reminders/:id/answer`: the unit's explanation (Giải trình), at most 2,000 characters. */
async function answer(ctx: Ctx, p: Principal, id: number, text: string, origin: Origin): Promise<RequestView> {
  const { row, to } = await ctx.visible(p, id);
  if (!canAnswerRequest(p, { to, sentById: row.sentById }))
    throw new HttpError(403, 'forbidden', 'only the unit it was sent to may answer this request');
  if (row.kind !== 'explanation')
    throw new HttpError(
      400,
      'invalid_answer',
      `reminder ${id} asks for no explanation: acknowledge it instead (POST /reminders/${id}/acknowledge)`,
    );
  const trimmed = text.trim();
  if (!trimmed) throw new HttpError(400, 'invalid_answer', 'text: the explanation is empty');
  const n = textLength(trimmed);
  if (n > REQUEST_ANSWER_MAX_CHARS) {
    const max = REQUEST_ANSWER_MAX_CHARS.toLocaleString('en-US');
    throw new HttpError(
      400,
      'invalid_answer',
      `text: an explanation has at most ${max} characters; this one has ${n.toLocaleString('en-US')}`,
    );
  }
  const at = ctx.now();
  if (!(await ctx.requests.answer(id, p.userId!, at, trimmed)))
    throw new HttpError(409, 'already_answered', `request ${id} was already answered`);
  const late = row.answerDueAt !== null && at > row.answerDueAt;
  await ctx.audit.record({
    principal: p,
    action: 'explanation.answered',
    target: `reminder:${id}`,
    ip: origin.ip,
    details: { unit: row.unit, late, chars: n },
  });
  return ctx.pushUpdated((await ctx.requests.get(id))!, 'answered');
}

/**
 * The clock: every unanswered request past its due date that was not noted yet is noted (once, in the
 * database, so a restart neither loses nor repeats it), audited and pushed. Returns how many.
 */
async function sweepOverdue(ctx: Ctx): Promise<number> {
  const repo = ctx.requests;
  const now = ctx.now();
  let n = 0;
  for (const id of await repo.pendingOverdue(now)) {
    if (!(await repo.noteOverdue(id, now))) continue;
    const row = (await repo.get(id))!;
    const due = row.answerDueAt === null ? null : toVnIso(row.answerDueAt);
    await ctx.audit.record({
      actor: 'system',
      action: `${row.kind}.overdue`,
      target: `reminder:${id}`,
      details: { unit: row.unit, answerDueAt: due },
    });
    ctx.pushUpdated(row, 'overdue');
    n++;
  }
  return n;
}

export function createRequestService(deps: RequestServiceDeps) {
  const ctx = context(deps);
  let sweeping: Promise<number> | null = null;
  return {
    send: (p: Principal, body: SendBody, origin: Origin) => send(ctx, p, body, origin),
    acknowledge: (p: Principal, id: number, origin: Origin) => acknowledge(ctx, p, id, origin),
    answer: (p: Principal, id: number, text: string, origin: Origin) => answer(ctx, p, id, text, origin),
    /** `POST /reminders/answers-seen`: the sender saw these answers (their unread count drops); returns the ids that changed. */
    async markAnswersSeen(p: Principal, ids: readonly number[]): Promise<number[]> {
      if (!canSendReminder(p)) throw refused(p, 'only a sender has answers to see');
      const seen = await deps.requests.markAnswersSeen(p.userId!, ids, deps.now());
      for (const id of seen) ctx.pushUpdated((await deps.requests.get(id))!, 'answer_seen');
      return seen;
    },
    /** `GET /reminders/default-due`: the day an explanation request sent now is due by default. */
    defaultDue(p: Principal): DefaultDueResponse {
      if (!canSendReminder(p)) throw refused(p, 'your role sends no requests');
      const now = deps.now();
      const workingDays = deps.settings.accountability.explanationAnswerDays;
      return { asOf: toVnIso(now), answerDueOn: defaultAnswerDueDay(now, deps.calendar, workingDays), workingDays };
    },
    /** The clock's sweep; a sweep still running (a slow database) is not started twice. */
    sweepOverdue(): Promise<number> {
      sweeping ??= sweepOverdue(ctx).finally(() => (sweeping = null));
      return sweeping;
    },
    view: ctx.view,
    visible: ctx.visible,
  };
}

export type RequestService = ReturnType<typeof createRequestService>;
