/**
 * CSV cell values → the ingest wire format's values. Spreadsheets write dates as `dd/MM/yyyy HH:mm`
 * or `yyyy-MM-dd HH:mm:ss` without an offset: those are Vietnam time and become ISO 8601 with
 * `+07:00`; words officials write (Tiếp nhận, Trực tuyến, Hài lòng, Có) become the wire's values.
 * Anything not recognised is passed on as written, for the server's validation to name and explain.
 */
import { looseKey, type ColumnSpec, type CsvKind } from './csv-columns.js';

const DOSSIER_TYPES: Record<string, string> = {
  tiepnhan: 'received',
  phancong: 'assigned',
  chuyenxuly: 'assigned',
  giaoxuly: 'assigned',
  yeucaubosung: 'supplement_requested',
  nhanbosung: 'supplement_received',
  dabosung: 'supplement_received',
  xinloi: 'apology_issued',
  vanbanxinloi: 'apology_issued',
  daxuly: 'processed',
  hoanthanhxuly: 'processed',
  dagiaiquyet: 'processed',
  traketqua: 'returned',
  tamdung: 'stopped',
  tuchoi: 'refused',
  ruthoso: 'withdrawn',
  danhgia: 'rated',
};
const TASK_TYPES: Record<string, string> = {
  giao: 'assigned',
  giaonhiemvu: 'assigned',
  giahan: 'extended',
  baocaotiendo: 'progress_reported',
  hoanthanh: 'completed',
  huy: 'cancelled',
};
const CHANNELS: Record<string, string> = {
  tructuyen: 'online',
  tructiep: 'in_person',
  buuchinh: 'postal',
  buuchinhcongich: 'postal',
};
const RATINGS: Record<string, string> = { hailong: 'satisfied', khonghailong: 'unsatisfied' };
const TRUE = new Set(['true', '1', 'yes', 'y', 'x', 'co', 'dung']);
const FALSE = new Set(['false', '0', 'no', 'n', 'khong', 'sai']);

/** `dd/MM/yyyy` or `yyyy-MM-dd`, then optionally ` HH:mm[:ss]` (or `T`), with no offset. */
const LOCAL = /^(?:(\d{1,2})\/(\d{1,2})\/(\d{4})|(\d{4})-(\d{2})-(\d{2}))(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const pad = (s: string) => s.padStart(2, '0');

/** A date-time without offset as Vietnam time in ISO 8601; a bare date as `yyyy-MM-dd` (only due dates may be one). */
export function csvDate(s: string): string {
  const m = LOCAL.exec(s);
  if (!m) return s;
  const [y, mo, d] = m[3] ? [m[3], pad(m[2]), pad(m[1])] : [m[4], m[5], m[6]];
  if (m[7] === undefined) return `${y}-${mo}-${d}`;
  return `${y}-${mo}-${d}T${pad(m[7])}:${m[8]}:${m[9] ?? '00'}+07:00`;
}

/**
 * A number as Vietnamese spreadsheets write it: `1500000`, `1.500.000` (dots group thousands),
 * `1,500,000` (three or more groups), `2,5` or `2.5` (decimal). Null when it is not one.
 */
export function csvNumber(s: string): number | null {
  const t = s.replace(/\s/g, '');
  let plain = t;
  if (/^\d{1,3}(\.\d{3})+$/.test(t) || /^\d{1,3}(,\d{3}){2,}$/.test(t)) plain = t.replace(/[.,]/g, '');
  else if (/^-?\d+,\d+$/.test(t)) plain = t.replace(',', '.');
  const n = plain === '' ? NaN : Number(plain);
  return Number.isFinite(n) ? n : null;
}

export type CellValue = { ok: true; value: unknown } | { ok: false; message: string };

/** One non-empty cell's value for the native event. */
export function cellValue(kind: CsvKind, spec: ColumnSpec, cell: string, type: string): CellValue {
  const loose = looseKey(cell);
  switch (spec.value) {
    case 'text':
      return { ok: true, value: cell };
    case 'instant':
    case 'due':
      return { ok: true, value: csvDate(cell) };
    case 'date': {
      const d = csvDate(cell);
      return { ok: true, value: d.length > 10 ? d.slice(0, 10) : d };
    }
    case 'type':
      return { ok: true, value: (kind === 'dossier' ? DOSSIER_TYPES : TASK_TYPES)[loose] ?? cell };
    case 'channel':
      return { ok: true, value: CHANNELS[loose] ?? cell };
    case 'rating':
      return { ok: true, value: RATINGS[loose] ?? cell };
    case 'number': {
      const n = csvNumber(cell);
      return n === null ? { ok: false, message: `"${cell.slice(0, 60)}" is not a number` } : { ok: true, value: n };
    }
    case 'complaint':
      // Text on a rating (the citizen's words); elsewhere the index's yes/no flag.
      if (type === 'rated') return { ok: true, value: cell };
      return booleanValue(cell, loose);
    case 'boolean':
      return booleanValue(cell, loose);
  }
}

function booleanValue(cell: string, loose: string): CellValue {
  if (TRUE.has(loose)) return { ok: true, value: true };
  if (FALSE.has(loose)) return { ok: true, value: false };
  return { ok: false, message: `"${cell.slice(0, 60)}" is not yes or no (true/false, 1/0, có/không)` };
}
