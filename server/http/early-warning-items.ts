/**
 * The early-warning lists on the wire: candidates in (from the early-warning index), each judged by the
 * domain's rules at `now`, filtered, counted by colour, sorted soonest due first (then by id) and paged.
 */
import type {
  AtRiskDossier,
  AtRiskDossierList,
  AtRiskTask,
  AtRiskTaskList,
  WarningCounts,
  WarningStatus,
} from '../../shared/contract/early-warning.js';
import type { DossierContext } from '../domain/dossier.js';
import { dossierWarning, statusUpdateRate, taskWarning } from '../domain/early-warning.js';
import { MS_PER_HOUR, toVnIso } from '../domain/time.js';
import type { DossierState, TaskState } from '../domain/types.js';

export interface ListOptions {
  now: number;
  /** Colours to list (the counts cover every colour). */
  statuses: ReadonlySet<WarningStatus>;
  page: number;
  pageSize: number;
  nameOf: (code: string) => string;
}

const noCounts = (): WarningCounts => ({ red: 0, orange: 0, green: 0, grey: 0 });

/** Working hours, rounded to a tenth (the list shows hours; exact ms stay on the server). */
const hours = (ms: number) => Math.round((ms / MS_PER_HOUR) * 10) / 10;

function page<T>(items: T[], o: ListOptions): { total: number; page: number; pageSize: number; items: T[] } {
  const from = (o.page - 1) * o.pageSize;
  return { total: items.length, page: o.page, pageSize: o.pageSize, items: items.slice(from, from + o.pageSize) };
}

const byDue = (a: { dueAt: number; id: string }, b: { dueAt: number; id: string }) =>
  a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The early-warning list of dossiers from the candidates, optionally held by one official. */
export function atRiskDossierList(
  candidates: readonly DossierState[],
  ctx: DossierContext,
  o: ListOptions & { official: string | null },
): Omit<AtRiskDossierList, 'asOf' | 'rule' | 'official'> {
  const counts = noCounts();
  const rows: { dueAt: number; id: string; item: AtRiskDossier }[] = [];
  for (const s of candidates) {
    const w = dossierWarning(s, o.now, ctx);
    if (w === null || !w.listed) continue;
    const last = s.holds[s.holds.length - 1];
    const holder = last !== undefined && last.to === null ? last : null;
    if (o.official !== null && holder?.handlerId !== o.official) continue;
    counts[w.status] += 1;
    if (!o.statuses.has(w.status)) continue;
    const unit = s.unit as string;
    const dueAt = s.dueAt as number;
    rows.push({
      dueAt,
      id: s.id,
      item: {
        id: s.id,
        unit,
        unitName: o.nameOf(unit),
        procedureName: s.procedure?.name ?? s.id,
        field: s.procedure?.field ?? '',
        dueAt: toVnIso(dueAt),
        status: w.status,
        reason: w.reason,
        atRisk: w.atRisk,
        workingHoursLeft: hours(Math.max(0, w.workingMsLeft)),
        idleWorkingHours: hours(Math.max(0, w.idleWorkingMs)),
        lastEventAt: toVnIso(s.lastEventAt),
        holderId: holder?.handlerId ?? null,
        holderName: holder?.handlerName ?? null,
      },
    });
  }
  rows.sort(byDue);
  return {
    counts,
    ...page(
      rows.map((r) => r.item),
      o,
    ),
  };
}

/** The at-risk task list and the status-update rate of a scope's open tasks. */
export function atRiskTaskList(open: Iterable<TaskState>, ctx: DossierContext, o: ListOptions): Omit<AtRiskTaskList, 'asOf' | 'rule'> {
  const { calendar, settings } = ctx;
  const tasks = [...open];
  const counts = noCounts();
  const rows: { dueAt: number; id: string; item: AtRiskTask }[] = [];
  for (const t of tasks) {
    const w = taskWarning(t, o.now, calendar, settings);
    if (w === null || !w.listed || t.dueAt === null) continue;
    counts[w.status] += 1;
    if (!o.statuses.has(w.status)) continue;
    const assignee = t.assignee as string;
    rows.push({
      dueAt: t.dueAt,
      id: t.id,
      item: {
        id: t.id,
        title: t.title ?? t.id,
        documentNumber: t.document?.number ?? null,
        assignee,
        assigneeName: o.nameOf(assignee),
        dueAt: toVnIso(t.dueAt),
        status: w.status,
        reason: w.reason,
        atRisk: w.atRisk,
        workingDaysLeft: Math.round((Math.max(0, w.workingMsLeft ?? 0) / calendar.workingMsPerDay) * 10) / 10,
        lastProgressAt: t.lastProgressAt === null ? null : toVnIso(t.lastProgressAt),
      },
    });
  }
  rows.sort(byDue);
  const rate = statusUpdateRate(tasks, o.now, calendar, settings);
  return {
    counts,
    updateRate: { windowWorkingDays: settings.accountability.taskUpdateWindowDays, ...rate },
    ...page(
      rows.map((r) => r.item),
      o,
    ),
  };
}
