import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../auth/audit.js';
import { canAcknowledgeReminder, canReadReminders, canSendReminder } from '../auth/policy.js';
import type { Store } from '../db/store.js';
import type { ReminderRow } from '../db/reminders-repo.js';
import { toVnIso } from '../domain/time.js';
import type { ScopeKey } from '../metrics/types.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';

export interface ReminderRouteDeps {
  store: Store;
  audit: AuditLog;
  now: () => number;
  scopeOf(code: string): ScopeKey | null;
}

const reminderBody = z.object({
  unit: z.string().min(1).max(40),
  dossierId: z.string().min(1).max(200).optional(),
  message: z.string().trim().min(1).max(1_000),
});

/** A reminder as the API shows it. */
export interface ReminderResponse {
  id: number;
  unit: string;
  dossierId: string | null;
  message: string;
  sentBy: string;
  sentAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

const body = (r: ReminderRow): ReminderResponse => ({
  ...r,
  sentAt: toVnIso(r.sentAt),
  acknowledgedAt: r.acknowledgedAt === null ? null : toVnIso(r.acknowledgedAt),
});

/**
 * Reminders (nhắc nhở): a supervisor of the administration centre reminds a unit of a late dossier
 * or of its backlog; the unit sees them on its page and acknowledges them (đã tiếp nhận).
 */
export function reminderRoutes(deps: ReminderRouteDeps): Router {
  const r = Router();
  const { store } = deps;

  r.post('/reminders', (req, res) => {
    const p = principalOf(res);
    if (!canSendReminder(p)) throw denied(p, 'sending reminders');
    const parsed = reminderBody.safeParse(req.body);
    if (!parsed.success)
      throw new HttpError(400, 'invalid_reminder', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { unit, dossierId, message } = parsed.data;
    if (!deps.scopeOf(unit)) throw new HttpError(400, 'invalid_reminder', `unit: no unit or department with code "${unit}"`);
    if (dossierId !== undefined) {
      const owner = store.read.dossierUnit(dossierId);
      if (owner === undefined) throw new HttpError(400, 'invalid_reminder', `dossierId: no dossier "${dossierId}"`);
      if (owner !== unit)
        throw new HttpError(400, 'invalid_reminder', `dossierId: dossier "${dossierId}" belongs to unit ${owner ?? '—'}, not ${unit}`);
    }
    const row = store.reminders.create({ unit, dossierId: dossierId ?? null, message, sentBy: p.userId!, sentAt: deps.now() });
    deps.audit.record({
      principal: p,
      action: 'reminder.sent',
      target: dossierId ? `dossier:${dossierId}` : `unit:${unit}`,
      ip: clientIp(req),
      details: { id: row.id, unit },
    });
    res.status(201).json(body(row));
  });

  r.get(['/units/:code/reminders', '/departments/:code/reminders'], (req, res) => {
    const p = principalOf(res);
    const scope = deps.scopeOf(String(req.params.code));
    if (!scope) throw new HttpError(404, 'not_found', `no unit or department with code "${req.params.code}"`);
    if (!canReadReminders(p, scope)) throw denied(p, `the reminders of ${scope}`);
    res.set('Cache-Control', 'no-store').json({ items: store.reminders.ofUnit(String(req.params.code)).map(body) });
  });

  r.post('/reminders/:id/acknowledge', (req, res) => {
    const p = principalOf(res);
    const id = Number(req.params.id);
    const row = Number.isInteger(id) && id > 0 ? store.reminders.get(id) : null;
    const scope = row ? deps.scopeOf(row.unit) : null;
    // Another unit's reminder answers like a missing one.
    if (!row || !scope || !canReadReminders(p, scope)) {
      if (p.role === 'public') throw denied(p, 'reminders');
      throw new HttpError(404, 'not_found', `no reminder ${req.params.id}`);
    }
    if (!canAcknowledgeReminder(p, scope)) throw denied(p, 'acknowledging this reminder');
    if (!store.reminders.acknowledge(id, p.userId!, deps.now()))
      throw new HttpError(409, 'already_acknowledged', 'this reminder was already acknowledged');
    deps.audit.record({
      principal: p,
      action: 'reminder.acknowledged',
      target: `reminder:${id}`,
      ip: clientIp(req),
      details: { unit: row.unit },
    });
    res.json(body(store.reminders.get(id)!));
  });

  return r;
}
