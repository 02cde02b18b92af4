/** Dossier and task states as the rows of the list endpoints (and of their exports). */
import { classifyDossier } from '../domain/dossier.js';
import { classifyTask } from '../domain/task.js';
import { toVnIso } from '../domain/time.js';
import type { DomainSettings, DossierState, TaskState, WorkCalendar } from '../domain/types.js';
import type { DossierListItem, TaskListItem } from '../../shared/contract/api.js';

const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : toVnIso(t));

/** One row of a dossier list, classified at `now` (epoch ms). */
export function dossierItem(s: DossierState, now: number, ctx: { calendar: WorkCalendar; settings: DomainSettings }): DossierListItem {
  const c = classifyDossier(s, now, ctx);
  const holder = s.holds.length && s.holds[s.holds.length - 1].to === null ? s.holds[s.holds.length - 1] : null;
  return {
    id: s.id,
    unit: s.unit ?? '',
    procedureCode: s.procedure?.code ?? '',
    procedureName: s.procedure?.name ?? '',
    field: s.procedure?.field ?? '',
    channel: s.channel,
    receivedAt: iso(s.receivedAt),
    dueAt: iso(s.dueAt),
    endAt: iso(s.endAt),
    timeliness: c.timeliness,
    daysOverdue: c.daysOverdue,
    overdueReason: c.overdueReason,
    holderId: holder?.handlerId ?? null,
    holderName: holder?.handlerName ?? null,
    supplementRequests: s.supplementRequests,
    apologies: s.apologies.length,
  };
}

/** One row of a task list, classified at `now` (epoch ms). */
export function taskItem(t: TaskState, now: number): TaskListItem {
  const c = classifyTask(t, now);
  return {
    id: t.id,
    title: t.title ?? '',
    documentNumber: t.document?.number ?? null,
    issuer: t.issuer,
    assignee: t.assignee ?? '',
    assignedAt: iso(t.assignedAt),
    dueAt: iso(t.dueAt),
    completedAt: iso(t.completedAt),
    timeliness: c.timeliness,
    daysOverdue: c.daysOverdue,
    extensions: t.extensions,
  };
}
