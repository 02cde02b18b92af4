/**
 * Writes an {@link ExportTable} as an .xlsx workbook with exceljs's streaming writer (rows go to the
 * output as they are committed, not held as a whole workbook in memory): row 1 the title (merged
 * across the columns), row 2 the bold header (frozen, with an autofilter), then one row per record
 * with real number cells and real date cells.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { VN_OFFSET_MS } from '../domain/time.js';
import type { CellKind, ExportCell, ExportTable } from './table.js';
import { isVnEndOfDay } from '../../shared/datetime.js';
import { vnDateTime } from './vn-format.js';

/** Excel number formats per column kind (format codes, not locale text: Excel shows them in the reader's locale). */
export const XLSX_NUM_FMT: Record<CellKind, string | undefined> = {
  text: undefined,
  count: '#,##0',
  days: '0.0',
  percent: '0.0%',
  datetime: 'dd/mm/yyyy hh:mm',
};

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Column widths in characters: at least this wide, at most that (long names wrap in Excel anyway). */
const MIN_WIDTH_CHARS = 8;
const MAX_WIDTH_CHARS = 60;
/** Width of a `dd/mm/yyyy hh:mm` cell. */
const DATETIME_WIDTH_CHARS = 17;

/**
 * Excel dates have no time zone: a cell holds a wall-clock time. The instant is shifted by Vietnam's
 * offset so the cell shows Vietnam local time whatever the server's or the reader's zone.
 */
export function excelDateOf(epochMs: number): Date {
  return new Date(epochMs + VN_OFFSET_MS);
}

function displayLength(kind: CellKind, v: ExportCell): number {
  if (v === null) return 0;
  switch (kind) {
    case 'datetime':
      return typeof v === 'number' ? vnDateTime(v).length : String(v).length;
    case 'percent':
      return typeof v === 'number' ? (v * 100).toFixed(1).length + 1 : String(v).length;
    case 'days':
      return typeof v === 'number' ? v.toFixed(1).length : String(v).length;
    case 'count':
      return typeof v === 'number' ? v.toLocaleString('en-US').length : String(v).length;
    default:
      return String(v).length;
  }
}

/** Column widths (characters) fitted to the header and the longest value, within bounds. */
export function fitWidths(t: ExportTable): number[] {
  return t.columns.map((c, i) => {
    let w = c.header.length + 2; // room for the autofilter's drop-down button
    if (c.kind === 'datetime') w = Math.max(w, DATETIME_WIDTH_CHARS);
    for (const row of t.rows) w = Math.max(w, displayLength(c.kind, row[i]) + 1);
    return Math.min(MAX_WIDTH_CHARS, Math.max(MIN_WIDTH_CHARS, w));
  });
}

function cellValue(kind: CellKind, v: ExportCell): ExcelJS.CellValue {
  if (v === null) return null;
  if (kind === 'datetime' && typeof v === 'number') return excelDateOf(v);
  return v;
}

/**
 * Streams the workbook to `out` (an HTTP response, a file). Resolves when the last byte is written.
 * @param creator the workbook's author property.
 */
export async function writeXlsx(t: ExportTable, out: Writable, creator = 'Bản đồ thực thi'): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = creator;
  const n = Math.max(1, t.columns.length);
  const ws = wb.addWorksheet(t.sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }] });
  ws.columns = fitWidths(t).map((width) => ({ width }));

  const title = ws.addRow([t.title]);
  title.font = { bold: true, size: 13 };
  title.height = 22;
  ws.mergeCells(1, 1, 1, n);
  title.commit();

  const header = ws.addRow(t.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF4' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8A99AD' } } };
  });
  header.commit();
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: n } };

  for (const values of t.rows) {
    const row = ws.addRow(t.columns.map((c, i) => cellValue(c.kind, values[i] ?? null)));
    t.columns.forEach((c, i) => {
      const v = values[i] ?? null;
      // A bare date (the end of a Vietnam day) shows as a date alone, as everywhere (shared/datetime.ts).
      const fmt = c.kind === 'datetime' && typeof v === 'number' && isVnEndOfDay(v) ? 'dd/mm/yyyy' : XLSX_NUM_FMT[c.kind];
      if (fmt) row.getCell(i + 1).numFmt = fmt;
    });
    row.commit();
  }
  ws.commit();
  await wb.commit();
}
