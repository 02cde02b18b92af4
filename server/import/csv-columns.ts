/**
 * The CSV columns of a bulk import (README "Bulk backfill"): each has an English name and the
 * Vietnamese headers officials' exports use; headers are matched without case, diacritics, spaces or
 * punctuation, so "Mã hồ sơ", "MA HO SO", "dossierId" and "dossier_id" are one column.
 */

export type CsvKind = 'dossier' | 'task';

export interface ColumnSpec {
  /** The English column name (also the canonical key). */
  name: string;
  /** Where the value goes in the native event (dotted path), as the server names it in its errors. */
  path: string;
  value: 'text' | 'number' | 'boolean' | 'instant' | 'due' | 'date' | 'type' | 'channel' | 'rating' | 'complaint';
  vi: string[];
}

const common: ColumnSpec[] = [
  { name: 'eventId', path: 'id', value: 'text', vi: ['Mã sự kiện', 'Mã sự kiện gốc'] },
  { name: 'type', path: 'type', value: 'type', vi: ['Loại sự kiện', 'Sự kiện'] },
  { name: 'at', path: 'at', value: 'instant', vi: ['Thời điểm', 'Thời gian'] },
  { name: 'reason', path: 'reason', value: 'text', vi: ['Lý do'] },
];

const INDEX_FLAGS: [string, string[]][] = [
  ['hasFee', ['Có lệ phí', 'Có phí']],
  ['paidOnline', ['Thanh toán trực tuyến']],
  ['electronicResult', ['Kết quả điện tử']],
  ['digitized', ['Số hóa', 'Đã số hóa']],
  ['reusedData', ['Tái sử dụng dữ liệu']],
  ['fromPersonalDataStore', ['Kho dữ liệu cá nhân']],
  ['citizenDataConnected', ['Dữ liệu dân cư', 'Kết nối dữ liệu dân cư']],
];

export const DOSSIER_COLUMNS: ColumnSpec[] = [
  ...common,
  { name: 'dossierId', path: 'dossierId', value: 'text', vi: ['Mã hồ sơ'] },
  { name: 'unit', path: 'unit', value: 'text', vi: ['Mã đơn vị', 'Đơn vị tiếp nhận'] },
  { name: 'procedureCode', path: 'procedure.code', value: 'text', vi: ['Mã thủ tục', 'Mã TTHC'] },
  { name: 'procedureName', path: 'procedure.name', value: 'text', vi: ['Tên thủ tục', 'Thủ tục', 'Tên TTHC'] },
  { name: 'field', path: 'procedure.field', value: 'text', vi: ['Lĩnh vực'] },
  { name: 'legalDays', path: 'procedure.legalDays', value: 'number', vi: ['Số ngày quy định', 'Thời hạn giải quyết'] },
  { name: 'channel', path: 'channel', value: 'channel', vi: ['Kênh', 'Kênh tiếp nhận'] },
  { name: 'dueAt', path: 'dueAt', value: 'due', vi: ['Hạn trả', 'Ngày hẹn trả', 'Hạn giải quyết'] },
  { name: 'handlerId', path: 'handler.id', value: 'text', vi: ['Mã cán bộ'] },
  { name: 'handlerName', path: 'handler.name', value: 'text', vi: ['Cán bộ xử lý', 'Tên cán bộ'] },
  { name: 'handlerUnit', path: 'handler.unit', value: 'text', vi: ['Đơn vị cán bộ', 'Đơn vị xử lý'] },
  { name: 'stepDueAt', path: 'stepDueAt', value: 'due', vi: ['Hạn bước', 'Hạn bước xử lý'] },
  { name: 'proposedDueAt', path: 'proposedDueAt', value: 'due', vi: ['Hạn mới', 'Ngày hẹn trả mới'] },
  { name: 'rating', path: 'rating', value: 'rating', vi: ['Đánh giá', 'Mức độ hài lòng'] },
  { name: 'complaint', path: 'complaint', value: 'complaint', vi: ['Phản ánh', 'Khiếu nại'] },
  { name: 'fee', path: 'fee', value: 'number', vi: ['Lệ phí', 'Phí'] },
  ...INDEX_FLAGS.map(([name, vi]): ColumnSpec => ({ name, path: name, value: 'boolean', vi })),
];

export const TASK_COLUMNS: ColumnSpec[] = [
  ...common,
  { name: 'taskId', path: 'taskId', value: 'text', vi: ['Mã nhiệm vụ'] },
  { name: 'title', path: 'title', value: 'text', vi: ['Tên nhiệm vụ', 'Nội dung nhiệm vụ'] },
  { name: 'documentNumber', path: 'document.number', value: 'text', vi: ['Số văn bản', 'Số hiệu văn bản'] },
  { name: 'documentDate', path: 'document.date', value: 'date', vi: ['Ngày văn bản', 'Ngày ban hành'] },
  { name: 'issuer', path: 'issuer', value: 'text', vi: ['Cơ quan giao', 'Người giao'] },
  { name: 'assignee', path: 'assignee', value: 'text', vi: ['Đơn vị được giao', 'Đơn vị thực hiện'] },
  { name: 'dueAt', path: 'dueAt', value: 'due', vi: ['Hạn hoàn thành', 'Hạn'] },
  { name: 'note', path: 'note', value: 'text', vi: ['Ghi chú'] },
  { name: 'percent', path: 'percent', value: 'number', vi: ['Tiến độ', 'Tỷ lệ hoàn thành'] },
];

/** A header or value compared loosely: no case, no diacritics (đ → d), letters and digits only. */
export function looseKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A row-number column ("STT", as in most Vietnamese exports) is ignored rather than refused. */
const ROW_NUMBER = new Set(['stt', 'tt', 'no']);

/** The header row resolved: which column spec each position holds (null: ignored). */
export interface CsvHeader {
  columns: (ColumnSpec | null)[];
  /** The header cell as written, per canonical name (to name the column in a report). */
  written: Map<string, string>;
}

export type HeaderResult = { ok: true; header: CsvHeader } | { ok: false; problem: string };

/** Resolves a header row; unknown, repeated or missing required columns are refused, naming them. */
export function resolveHeader(kind: CsvKind, cells: string[]): HeaderResult {
  const specs = kind === 'dossier' ? DOSSIER_COLUMNS : TASK_COLUMNS;
  const byKey = new Map<string, ColumnSpec>();
  for (const s of specs) for (const alias of [s.name, ...s.vi]) byKey.set(looseKey(alias), s);
  const written = new Map<string, string>();
  const unknown: string[] = [];
  const columns = cells.map((cell) => {
    const spec = byKey.get(looseKey(cell));
    if (!spec) {
      if (cell.trim() && !ROW_NUMBER.has(looseKey(cell))) unknown.push(cell.trim());
      return null;
    }
    if (written.has(spec.name)) unknown.push(`${cell.trim()} (a second "${spec.name}" column)`);
    written.set(spec.name, cell.trim());
    return spec;
  });
  const idColumn = kind === 'dossier' ? 'dossierId' : 'taskId';
  const missing = [idColumn, 'type', 'at'].filter((n) => !written.has(n));
  if (unknown.length || missing.length) {
    const parts = [];
    if (unknown.length) parts.push(`unknown column(s): ${unknown.join(', ')}`);
    if (missing.length) parts.push(`missing column(s): ${missing.join(', ')}`);
    const names = specs.map((s) => `${s.name} (${s.vi[0]})`).join(', ');
    return { ok: false, problem: `the CSV header of a ${kind} file is wrong — ${parts.join('; ')}. Columns: ${names}` };
  }
  return { ok: true, header: { columns, written } };
}

/** The separator a header line uses: `;` when it has more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(headerLine: string): ',' | ';' {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semis++;
  }
  return semis > commas ? ';' : ',';
}
