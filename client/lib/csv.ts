/**
 * CSV for spreadsheets (RFC 4180): fields quoted when they hold a comma, a quote, CR or LF;
 * quotes doubled; records ended by CRLF; UTF-8 with a byte-order mark so Excel reads Vietnamese.
 */

/** The byte-order mark Excel needs to read the file as UTF-8. */
export const CSV_BOM = '\uFEFF';
/** RFC 4180 record separator. */
export const CSV_EOL = '\r\n';

export type CsvValue = string | number | boolean | null | undefined;

/** One exported column: a (Vietnamese) header and how to read the cell from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

/** A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first), unless it is a plain number. */
const FORMULA_RE = /^[=+\-@\t\r]/;
const NUMBER_RE = /^-?\d+([.,]\d+)?$/;

/**
 * Quotes one field when RFC 4180 requires it (comma, double quote, CR or LF); null and undefined are
 * empty. Text that a spreadsheet would evaluate as a formula (a procedure named `=HYPERLINK(…)` sent
 * by a source) gets a leading apostrophe, so Excel shows it as text (CSV injection).
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_RE.test(text) && !NUMBER_RE.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Joins fields into one record, without the line end. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/**
 * Builds a whole CSV document: BOM, header record, then one record per row, each ended by CRLF.
 * @returns the text to save; encode it as UTF-8 (a Blob of a string does).
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [csvRecord(headers), ...rows.map(csvRecord)];
  return CSV_BOM + lines.map((line) => line + CSV_EOL).join('');
}

/** Builds a CSV document from rows and column definitions (see {@link toCsv}). */
export function rowsToCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return toCsv(
    columns.map((c) => c.header),
    rows.map((row) => columns.map((c) => c.value(row))),
  );
}

/** Makes a file name safe on every OS: keeps letters (Vietnamese included), digits, dot, dash, underscore. */
export function csvFileName(base: string): string {
  const safe = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${safe || 'export'}.csv`;
}

/** Offers the CSV text to the user as a download (browser only). */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke on the next task: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
