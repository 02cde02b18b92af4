/**
 * Import records → items to send: the JSON text that goes into a batch, or why the record could not
 * even be parsed (it is then reported and not sent). NDJSON lines are sent as written (parsed only to
 * check they are one JSON object), so a million events cost no re-serialisation.
 */
import type { FieldError } from '../../shared/contract/errors.js';
import type { SourceRecord } from './record-reader.js';
import type { CsvRows } from './csv-rows.js';

export interface ImportItem {
  line: number;
  start: number;
  end: number;
  raw: string;
  /** The JSON text to send; absent when the record could not be parsed. */
  json?: string;
  /** The parser's errors (the record is not sent). */
  errors?: FieldError[];
}

/** An NDJSON line: one JSON object (a native event, or a DVCQG record). */
export function ndjsonItem(r: SourceRecord): ImportItem {
  const base = { line: r.line, start: r.start, end: r.end, raw: r.text };
  let value: unknown;
  try {
    value = JSON.parse(r.text);
  } catch (err) {
    return { ...base, errors: [{ path: '', message: `not JSON: ${(err as Error).message}` }] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ...base, errors: [{ path: '', message: 'a line must hold one JSON object' }] };
  }
  return { ...base, json: r.text.trim() };
}

/** A CSV record: one event built from its row. */
export function csvItem(rows: CsvRows, r: SourceRecord): ImportItem {
  const base = { line: r.line, start: r.start, end: r.end, raw: r.text };
  const row = rows.toEvent(r.text);
  return row.ok ? { ...base, json: JSON.stringify(row.event) } : { ...base, errors: row.errors };
}
