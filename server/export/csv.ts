/**
 * Writes an {@link ExportTable} as CSV for the spreadsheet of the user's locale. Excel splits a CSV
 * on the list separator of the Windows region settings: `;` where the decimal separator is a comma
 * (Vietnamese), `,` where it is a point (English). So the UI language decides both: `vi` → `;` and
 * decimal commas (`2,5`), `en` → `,` and decimal points (`2.5`). No grouping separators (`1234`, not
 * `1.234`, which would be ambiguous). Dates are text: `dd/MM/yyyy HH:mm` (vi) or `yyyy-MM-dd HH:mm`
 * (en, which Excel reads as a date in any locale), Vietnam time. UTF-8 with a byte-order mark so
 * Excel reads Vietnamese; RFC 4180 quoting; records ended by CRLF; the header is the first record.
 */
import type { ExportCell, ExportColumn, ExportLang, ExportTable } from './table.js';
import { isVnEndOfDay } from '../../shared/datetime.js';
import { vnDate, vnDateTime, vnIsoDateTime } from './vn-format.js';

export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';
export const CSV_MIME = 'text/csv; charset=utf-8';

/** The field separator a spreadsheet in this UI language's locale expects. */
export function csvSeparator(lang: ExportLang): ';' | ',' {
  return lang === 'vi' ? ';' : ',';
}

/** The decimal separator of this UI language's locale. */
export function csvDecimal(lang: ExportLang): ',' | '.' {
  return lang === 'vi' ? ',' : '.';
}

/** Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first). */
const FORMULA_RE = /^[=+\-@\t\r]/;
/** A plain (possibly negative) number written as text: not a formula. */
const NUMBER_RE = /^-?\d+([.,]\d+)?$/;

function numberText(n: number, digits: number, lang: ExportLang): string {
  if (!Number.isFinite(n)) return '';
  return String(Number(n.toFixed(digits))).replace('.', csvDecimal(lang));
}

/** One cell as CSV text (before quoting). */
export function csvCellText(col: ExportColumn, v: ExportCell, lang: ExportLang): string {
  if (v === null) return '';
  // CSV injection: text a spreadsheet would run (a procedure named `=HYPERLINK(…)` sent by a source)
  // gets a leading apostrophe, so Excel shows it as text.
  if (typeof v === 'string') return FORMULA_RE.test(v) && !NUMBER_RE.test(v) ? `'${v}` : v;
  switch (col.kind) {
    case 'datetime':
      // A bare date (the end of a Vietnam day) is a date, not a deadline to the minute (shared/datetime.ts).
      if (isVnEndOfDay(v)) return lang === 'vi' ? vnDate(v) : vnIsoDateTime(v).slice(0, 10);
      return lang === 'vi' ? vnDateTime(v) : vnIsoDateTime(v);
    case 'percent':
      return numberText(v * 100, 1, lang);
    case 'days':
      return numberText(v, 1, lang);
    default:
      return numberText(v, 6, lang);
  }
}

/** Quotes a field when it holds the separator, a double quote, CR or LF; quotes doubled. */
export function csvQuote(text: string, sep: string): string {
  return text.includes(sep) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole CSV document (BOM, header, records); percentages' headers say `(%)`. */
export function toCsv(t: ExportTable, lang: ExportLang): string {
  const sep = csvSeparator(lang);
  const header = t.columns.map((c) => csvQuote(c.kind === 'percent' ? `${c.header} (%)` : c.header, sep)).join(sep);
  const records = t.rows.map((row) => t.columns.map((c, i) => csvQuote(csvCellText(c, row[i] ?? null, lang), sep)).join(sep));
  return CSV_BOM + [header, ...records].map((r) => r + CSV_EOL).join('');
}
