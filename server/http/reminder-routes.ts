import { Router, type Request } from 'express';
import { z } from 'zod';
import { canSendReminder, isUser } from '../auth/policy.js';
import type { RequestLists } from '../requests/request-lists.js';
import type { RequestService } from '../requests/request-service.js';
import { REQUEST_KINDS, REQUEST_STATE_FILTERS, REQUEST_SUBJECT_TYPES, type RequestView } from '../../shared/contract/requests.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';
import { parseQuery } from './query.js';

export interface ReminderRouteDeps {
  requests: RequestService;
  lists: RequestLists;
}

/** A reminder or explanation request as the API shows it (the contract's RequestView). */
export type ReminderResponse = RequestView;

// Lengths are checked again in characters by the service; these bounds only stop absurd bodies early.
export const sendBody = z.object({
  kind: z.enum(REQUEST_KINDS).default('reminder'),
  subject: z.object({ type: z.enum(REQUEST_SUBJECT_TYPES), id: z.string().trim().min(1).max(200) }).optional(),
  unit: z.string().min(1).max(40).optional(),
  dossierId: z.string().min(1).max(200).optional(),
  message: z.string().max(8_000),
  answerDueOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
    .optional(),
});
export const answerBody = z.object({ text: z.string().max(16_000) });
export const seenBody = z.object({ ids: z.array(z.number().int().positive()).min(1).max(200) });
export const listQuery = z.object({ state: z.enum(REQUEST_STATE_FILTERS).optional(), kind: z.enum(REQUEST_KINDS).optional() });

function parseBody<T extends z.ZodTypeAny>(
  schema: T,
  req: Request,
  code: 'invalid_reminder' | 'invalid_answer' | 'invalid_body',
): z.infer<T> {
  const parsed = schema.safeParse(req.body);
  if (!parsed.success)
    throw new HttpError(400, code, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

const idOf = (req: Request) => Number(req.params.id);
const origin = (req: Request) => ({ ip: clientIp(req) });

/**
 * Reminders (nhắc nhở) and explanation requests (yêu cầu giải trình): a city leader, a supervisor of
 * the administration centre, or a department head about its own staff sends one to a unit; the unit
 * reads it (đã tiếp nhận) and answers an explanation request (giải trình); see server/requests/.
 */
export function reminderRoutes(deps: ReminderRouteDeps): Router {
  const r = Router();
  const { requests, lists } = deps;

  r.post('/reminders', async (req, res) => {
    const p = principalOf(res);
    if (!canSendReminder(p)) throw denied(p, 'sending reminders');
    res.status(201).json(await requests.send(p, parseBody(sendBody, req, 'invalid_reminder'), origin(req)));
  });

  r.get('/reminders/default-due', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(requests.defaultDue(principalOf(res)));
  });

  r.get('/reminders/mine', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await lists.mine(principalOf(res), parseQuery(listQuery, req)));
  });

  r.post('/reminders/answers-seen', async (req, res) => {
    const p = principalOf(res);
    if (!isUser(p) || !canSendReminder(p)) throw denied(p, 'answers to requests');
    res.json({ seen: await requests.markAnswersSeen(p, parseBody(seenBody, req, 'invalid_body').ids) });
  });

  r.get(['/units/:code/reminders', '/departments/:code/reminders'], async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await lists.ofUnit(principalOf(res), String(req.params.code), parseQuery(listQuery, req)));
  });

  r.get('/dossiers/:id/reminders', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await lists.aboutDossier(principalOf(res), String(req.params.id)));
  });

  r.get('/tasks/:id/reminders', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await lists.aboutTask(principalOf(res), String(req.params.id)));
  });

  r.post('/reminders/:id/acknowledge', async (req, res) => {
    res.json(await requests.acknowledge(principalOf(res), idOf(req), origin(req)));
  });

  r.post('/reminders/:id/answer', async (req, res) => {
    const p = principalOf(res);
    await requests.visible(p, idOf(req)); // 404 before the body is judged: existence stays private
    res.json(await requests.answer(p, idOf(req), parseBody(answerBody, req, 'invalid_answer').text, origin(req)));
  });

  return r;
}
