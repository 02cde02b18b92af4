/**
 * The exportable tables of a unit page as {@link ExportTable}s: columns typed for the spreadsheet,
 * headers in the UI language, and a title row naming the scope, the list, the period and the time.
 * Pure: rows, words and times in, plain data out.
 */
import type { BreakdownRow, DossierListItem, OfficialRow, TaskListItem } from '../../shared/contract/api.js';
import type { PeriodWindow } from '../metrics/types.js';
import { exportLabels } from './labels.js';
import type { ExportCell, ExportColumn, ExportLang, ExportTable } from './table.js';
import { vnDate, vnTimeDate } from './vn-format.js';

export interface ExportContext {
  lang: ExportLang;
  /** The unit's or department's name; null for the whole city. */
  scopeName: string | null;
  /** When the rows were read, epoch ms (the title's "Cập nhật lúc"). */
  asOf: number;
}

/** Epoch ms of an API timestamp (ISO 8601 with offset); null stays null. */
const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** `Scope — List — Period — Cập nhật lúc HH:mm dd/MM/yyyy`. */
export function exportTitle(ctx: ExportContext, listName: string, periodText: string): string {
  const l = exportLabels(ctx.lang);
  return [ctx.scopeName ?? l.wholeCity, listName, periodText, l.updatedAt(vnTimeDate(ctx.asOf))].join(' — ');
}

/** "Kỳ: Tháng này (01/11/2026 – 20/11/2026)", "Kỳ: Tháng 10/2026 (01/10/2026 – 31/10/2026)": a window's first day to its last day so far. */
export function periodText(ctx: ExportContext, w: PeriodWindow & { name?: string }): string {
  const l = exportLabels(ctx.lang);
  if (w.period === 'live') return l.asOfNow;
  const name = w.name === undefined ? l.periods[w.period] : l.namedPeriod(w.name);
  return l.period(name, vnDate(w.from), vnDate(Math.min(w.to - 1, ctx.asOf)));
}

/** A worksheet name Excel accepts: no `[]:*?/\`, at most 31 characters. */
export function sheetNameOf(name: string): string {
  return (
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet1'
  );
}

function table<T>(
  ctx: ExportContext,
  listName: string,
  period: string,
  columns: [ExportColumn, (row: T) => ExportCell][],
  rows: readonly T[],
): ExportTable {
  return {
    title: exportTitle(ctx, listName, period),
    sheetName: sheetNameOf(listName),
    columns: columns.map(([c]) => c),
    rows: rows.map((r) => columns.map(([, value]) => value(r))),
  };
}

/** A dossier list (`status` as the list endpoint's filter). */
export function dossierTable(items: readonly DossierListItem[], status: string, ctx: ExportContext, holderName?: string): ExportTable {
  const l = exportLabels(ctx.lang);
  const h = l.dossier;
  const list = l.dossierLists[status] ?? status;
  return table<DossierListItem>(
    ctx,
    holderName === undefined ? list : `${list} — ${l.heldBy(holderName)}`,
    l.asOfNow,
    [
      [{ header: h.id, kind: 'text' }, (d) => d.id],
      [{ header: h.procedure, kind: 'text' }, (d) => d.procedureName],
      [{ header: h.field, kind: 'text' }, (d) => d.field],
      [{ header: h.holder, kind: 'text' }, (d) => d.holderName],
      [{ header: h.receivedAt, kind: 'datetime' }, (d) => ms(d.receivedAt)],
      [{ header: h.dueAt, kind: 'datetime' }, (d) => ms(d.dueAt)],
      [{ header: h.daysOverdue, kind: 'days' }, (d) => d.daysOverdue],
      [{ header: h.supplementRequests, kind: 'count' }, (d) => d.supplementRequests],
      [{ header: h.apologies, kind: 'count' }, (d) => d.apologies],
    ],
    items,
  );
}

/** A task list (`status` as the list endpoint's filter). */
export function taskTable(items: readonly TaskListItem[], status: string, ctx: ExportContext): ExportTable {
  const l = exportLabels(ctx.lang);
  const h = l.task;
  return table<TaskListItem>(
    ctx,
    l.taskLists[status] ?? status,
    l.asOfNow,
    [
      [{ header: h.title, kind: 'text' }, (x) => x.title || x.id],
      [{ header: h.documentNumber, kind: 'text' }, (x) => x.documentNumber],
      [{ header: h.issuer, kind: 'text' }, (x) => x.issuer],
      [{ header: h.assignedAt, kind: 'datetime' }, (x) => ms(x.assignedAt)],
      [{ header: h.dueAt, kind: 'datetime' }, (x) => ms(x.dueAt)],
      [{ header: h.daysOverdue, kind: 'days' }, (x) => x.daysOverdue],
      [{ header: h.extensions, kind: 'count' }, (x) => x.extensions],
    ],
    items,
  );
}

/** A breakdown by field or by procedure over a period's window. */
export function breakdownTable(
  kind: 'field' | 'procedure',
  rows: readonly BreakdownRow[],
  w: PeriodWindow & { name?: string },
  ctx: ExportContext,
): ExportTable {
  const l = exportLabels(ctx.lang);
  const h = l.breakdown;
  return table<BreakdownRow>(
    ctx,
    kind === 'field' ? l.byField : l.byProcedure,
    periodText(ctx, w),
    [
      [{ header: kind === 'field' ? h.field : h.procedure, kind: 'text' }, (r) => r.label],
      [{ header: h.received, kind: 'count' }, (r) => r.received],
      [{ header: h.inProgress, kind: 'count' }, (r) => r.inProgress],
      [{ header: h.overdue, kind: 'count' }, (r) => r.overdue],
      [{ header: h.finishedOnTime, kind: 'count' }, (r) => r.finishedOnTime],
      [{ header: h.finishedLate, kind: 'count' }, (r) => r.finishedLate],
      [{ header: h.onTimeRate, kind: 'percent' }, (r) => r.onTimeRate],
      [{ header: h.processingDaysMedian, kind: 'days' }, (r) => r.processingDaysMedian],
    ],
    rows,
  );
}

/** The officials' scorecard over a period's window. */
export function officialTable(rows: readonly OfficialRow[], w: PeriodWindow & { name?: string }, ctx: ExportContext): ExportTable {
  const l = exportLabels(ctx.lang);
  const h = l.official;
  return table<OfficialRow>(
    ctx,
    l.officials,
    periodText(ctx, w),
    [
      [{ header: h.name, kind: 'text' }, (r) => r.name],
      [{ header: h.unit, kind: 'text' }, (r) => r.unit],
      [{ header: h.holdingNow, kind: 'count' }, (r) => r.holdingNow],
      [{ header: h.overdueHeldNow, kind: 'count' }, (r) => r.overdueHeldNow],
      [{ header: h.stepsDone, kind: 'count' }, (r) => r.stepsDone],
      [{ header: h.stepOnTimeShare, kind: 'percent' }, (r) => r.stepOnTimeShare],
      [{ header: h.medianHoldDays, kind: 'days' }, (r) => r.medianHoldDays],
      [{ header: h.buckPassingCases, kind: 'count' }, (r) => r.buckPassingCases],
    ],
    rows,
  );
}
