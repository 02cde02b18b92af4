/**
 * CSV records → native ingest events (one event per row). Fields are split by fast-csv's parser; the
 * header names the columns (csv-columns.ts) and each cell is converted (csv-values.ts). An empty cell
 * leaves its field out. A row without an event id gets a deterministic one, so that re-importing the
 * same file (a resumed import) sends the same ids and the server answers them as duplicates.
 */
import { ParserOptions } from '@fast-csv/parse';
import { Parser } from '@fast-csv/parse/build/src/parser/Parser.js';
import type { FieldError } from '../../shared/contract/errors.js';
import { detectSeparator, resolveHeader, type CsvHeader, type CsvKind } from './csv-columns.js';
import { cellValue } from './csv-values.js';

export type RowResult = { ok: true; event: Record<string, unknown> } | { ok: false; errors: FieldError[] };

export interface CsvRows {
  separator: ',' | ';';
  /** The row's event, or what is wrong with it (errors' paths are event paths: see columnOf). */
  toEvent(text: string): RowResult;
  /** The header cell that holds an event path (e.g. `procedure.code` → "Mã thủ tục"), for reports. */
  columnOf(path: string): string | undefined;
}

function splitFields(parser: Parser, text: string): string[] | string {
  try {
    const { rows } = parser.parse(text, false);
    return rows[0] ?? [];
  } catch (err) {
    return (err as Error).message.replace(/^Parse Error: /, '');
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const dot = path.indexOf('.');
  if (dot === -1) {
    target[path] = value;
    return;
  }
  const head = path.slice(0, dot);
  const inner = (target[head] ??= {}) as Record<string, unknown>;
  inner[path.slice(dot + 1)] = value;
}

/** The deterministic id of a row without one: its item, type and instant (documented in the README). */
export function derivedEventId(kind: CsvKind, e: Record<string, unknown>): string {
  const item = kind === 'dossier' ? e.dossierId : e.taskId;
  return `csv:${String(item)}:${String(e.type)}:${String(e.at)}`;
}

/** Reads the header record; a wrong header is refused before anything is sent. */
export function csvRows(kind: CsvKind, headerText: string): { ok: true; rows: CsvRows } | { ok: false; problem: string } {
  const separator = detectSeparator(headerText);
  const parser = new Parser(new ParserOptions({ delimiter: separator }));
  const cells = splitFields(parser, headerText);
  if (typeof cells === 'string') return { ok: false, problem: `the CSV header cannot be read: ${cells}` };
  const resolved = resolveHeader(kind, cells);
  if (!resolved.ok) return resolved;
  const header: CsvHeader = resolved.header;
  const byPath = new Map(header.columns.filter((c) => c !== null).map((c) => [c.path, header.written.get(c.name)!]));
  const typeAt = header.columns.findIndex((c) => c?.name === 'type');

  function toEvent(text: string): RowResult {
    const fields = splitFields(parser, text);
    if (typeof fields === 'string') return { ok: false, errors: [{ path: '', message: fields }] };
    if (fields.length > header.columns.length) {
      const message = `${fields.length} fields but the header has ${header.columns.length} columns (a "${separator}" inside a value must be quoted)`;
      return { ok: false, errors: [{ path: '', message }] };
    }
    const errors: FieldError[] = [];
    const event: Record<string, unknown> = {};
    const type = cellValue(kind, header.columns[typeAt]!, (fields[typeAt] ?? '').trim(), '');
    fields.forEach((raw, i) => {
      const spec = header.columns[i];
      const cell = raw.trim();
      if (!spec || cell === '') return;
      const v = cellValue(kind, spec, cell, type.ok ? String(type.value) : '');
      if (v.ok) setPath(event, spec.path, v.value);
      else errors.push({ path: spec.path, message: v.message });
    });
    if (errors.length) return { ok: false, errors };
    if (event.id === undefined) event.id = derivedEventId(kind, event);
    return { ok: true, event };
  }

  return { ok: true, rows: { separator, toEvent, columnOf: (path) => byPath.get(path) } };
}
