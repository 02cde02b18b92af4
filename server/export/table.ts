/**
 * An export as plain data: a title, typed columns and rows. Built by tables.ts from the API's rows,
 * written by xlsx.ts (real number and date cells) or csv.ts (text in the reader's locale).
 */

/** The UI language an export is written in (headers, title, CSV separator and number format). */
export const EXPORT_LANGS = ['vi', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

/**
 * How a column's cells are typed: `text`; `count` (an integer); `days` (working days, one decimal);
 * `percent` (a ratio in [0, 1]); `datetime` (an instant, epoch ms, shown in Vietnam time).
 */
export type CellKind = 'text' | 'count' | 'days' | 'percent' | 'datetime';

export interface ExportColumn {
  header: string;
  kind: CellKind;
}

/** A cell: text, a number, epoch ms for `datetime` columns, or null when missing. */
export type ExportCell = string | number | null;

export interface ExportTable {
  /** Row 1 of the workbook: scope, list and filter, period, and when the data was read. */
  title: string;
  /** Worksheet name (at most 31 characters, none of `[]:*?/\`). */
  sheetName: string;
  columns: ExportColumn[];
  rows: ExportCell[][];
}
