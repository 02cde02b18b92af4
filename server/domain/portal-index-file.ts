/**
 * A file of the national portal's service-index figures (npm run index:import), row by row: which
 * columns mean what (English or Vietnamese headers), and every row accepted or rejected with its line
 * and the reason. Pure: the text, a code lookup and a period check in; rows out. README "Importing the
 * national portal's figures" documents the format.
 */
import { INDEX_GROUPS, type IndexGroup } from '../../shared/contract/service-index.js';
import { GROUP_MAX } from './service-index.js';
import { readCsvLines, type CsvSeparator } from './portal-index-csv.js';

export type PortalColumn = 'unit' | 'period' | 'total' | IndexGroup;

/**
 * Header names of each column, after normalising (lower case, no diacritics, đ → d, other characters
 * → `_`, a trailing maximum such as "(20)" dropped): the English names first, then Vietnamese ones.
 */
const HEADER_ALIASES: Record<PortalColumn, readonly string[]> = {
  unit: ['unit', 'unit_code', 'code', 'ma_don_vi', 'ma_dvhc', 'ma_xa', 'ma_co_quan'],
  period: ['period', 'ky', 'ky_danh_gia', 'thoi_ky'],
  total: ['total', 'tong_diem', 'tong', 'diem'],
  transparency: ['transparency', 'cong_khai_minh_bach', 'cong_khai'],
  progress: ['progress', 'tien_do', 'tien_do_giai_quyet'],
  online: ['online', 'dich_vu_truc_tuyen', 'truc_tuyen'],
  payment: ['payment', 'thanh_toan_truc_tuyen', 'thanh_toan'],
  digitisation: ['digitisation', 'digitization', 'so_hoa', 'so_hoa_ho_so'],
  satisfaction: ['satisfaction', 'muc_do_hai_long', 'hai_long', 'su_hai_long'],
};

const COLUMN_OF_ALIAS = new Map<string, PortalColumn>(
  (Object.entries(HEADER_ALIASES) as [PortalColumn, readonly string[]][]).flatMap(([col, names]) => names.map((n) => [n, col] as const)),
);

/** "Tiến độ giải quyết (20)" → "tien_do_giai_quyet". */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_\d+$/, '');
}

/** A figure of the file that passed every check. */
export interface PortalRow {
  line: number;
  /** Unit or department code as the jurisdiction spells it, or `city`. */
  code: string;
  /** `2026-10`, `2026-Q3` or `2026`. */
  period: string;
  total: number;
  groups: Partial<Record<IndexGroup, number>>;
  raw: string;
}

export interface RejectedRow {
  line: number;
  reason: string;
  raw: string;
}

export interface PortalFileContext {
  /** The code as stored (a unit, a department, or `city`), or null when the jurisdiction has no such code. */
  codeOf(raw: string): string | null;
  /** Why a period value cannot be imported, or null when it is a month, quarter or year that has begun. */
  periodProblem(name: string): string | null;
}

export interface PortalFileReport {
  separator: CsvSeparator;
  /** Header cells the import does not read (a name column, for people), as written. */
  ignoredColumns: string[];
  /** Rows read (records after the header). */
  rows: number;
  accepted: PortalRow[];
  rejected: RejectedRow[];
}

export type PortalFileResult = { ok: true; report: PortalFileReport } | { ok: false; problem: string };

/** Column positions from the header; a problem when a required one is missing or one is given twice. */
function mapHeader(cells: string[]): { columns: Map<PortalColumn, number>; ignored: string[] } | string {
  const columns = new Map<PortalColumn, number>();
  const ignored: string[] = [];
  for (const [i, cell] of cells.entries()) {
    const col = COLUMN_OF_ALIAS.get(normaliseHeader(cell));
    if (col === undefined) {
      if (cell !== '') ignored.push(cell);
      continue;
    }
    if (columns.has(col)) return `the header names column "${col}" twice (columns ${(columns.get(col) as number) + 1} and ${i + 1})`;
    columns.set(col, i);
  }
  const missing = (['unit', 'period', 'total'] as const).filter((c) => !columns.has(c));
  if (missing.length > 0) {
    return `the header has no ${missing.join(', ')} column (expected: unit,period,total,${INDEX_GROUPS.join(',')}; got: ${cells.join(', ')})`;
  }
  return { columns, ignored };
}

const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/** A points cell: a number (decimal point or decimal comma), null when empty, or what is wrong with it. */
function points(cell: string, what: string, max: number): number | null | { problem: string } {
  if (cell === '') return null;
  if (!NUMBER.test(cell)) return { problem: `${what} "${cell.slice(0, 20)}" is not a number` };
  const v = Number(cell.replace(',', '.'));
  if (v < 0 || v > max) return { problem: `${what} ${cell} is outside 0–${max}` };
  return v;
}

/** One record checked on its own: a row, or every reason it cannot be one. */
function checkRecord(
  fields: string[],
  columns: Map<PortalColumn, number>,
  ctx: PortalFileContext,
): Omit<PortalRow, 'line' | 'raw'> | string {
  const cell = (c: PortalColumn) => (columns.has(c) ? (fields[columns.get(c) as number] ?? '') : '');
  const problems: string[] = [];
  const rawCode = cell('unit');
  const code = rawCode === '' ? null : ctx.codeOf(rawCode);
  if (code === null)
    problems.push(rawCode === '' ? 'no unit code' : `unit code "${rawCode.slice(0, 20)}" is not a unit or department of the city`);
  const period = cell('period');
  const periodProblem = period === '' ? 'no period' : ctx.periodProblem(period);
  if (periodProblem !== null) problems.push(periodProblem);
  const total = points(cell('total'), 'total', 100);
  if (total === null) problems.push('no total');
  else if (typeof total === 'object') problems.push(total.problem);
  const groups: Partial<Record<IndexGroup, number>> = {};
  for (const g of INDEX_GROUPS) {
    const v = points(cell(g), g, GROUP_MAX[g]);
    if (v !== null && typeof v === 'object') problems.push(`${v.problem} (the group's maximum)`);
    else if (v !== null) groups[g] = v;
  }
  if (typeof total === 'number' && Object.keys(groups).length === INDEX_GROUPS.length) {
    const sum = INDEX_GROUPS.reduce((s, g) => s + (groups[g] as number), 0);
    // Tolerance: each published group is rounded to 2 decimals, so their sum may miss the total by a hundredth.
    if (Math.abs(sum - total) > 0.01 + 1e-9) problems.push(`total ${total} is not the sum of the groups (${Math.round(sum * 100) / 100})`);
  }
  if (problems.length > 0) return problems.join('; ');
  return { code: code as string, period, total: total as number, groups };
}

const sameFigures = (a: PortalRow, b: PortalRow) => a.total === b.total && INDEX_GROUPS.every((g) => a.groups[g] === b.groups[g]);

/**
 * Rows naming a unit and period already named: a repeat with the same figures is rejected as a
 * duplicate (the first stays); one with other figures makes both unusable, since the file does not
 * say which the portal published.
 */
function rejectDuplicates(rows: PortalRow[], rejected: RejectedRow[]): PortalRow[] {
  const first = new Map<string, PortalRow>();
  const dropped = new Set<PortalRow>();
  for (const r of rows) {
    const key = `${r.code}|${r.period}`;
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, r);
      continue;
    }
    dropped.add(r);
    if (sameFigures(seen, r)) {
      rejected.push({ line: r.line, raw: r.raw, reason: `duplicate of line ${seen.line} (${r.code}, ${r.period}, same figures)` });
    } else {
      rejected.push({ line: r.line, raw: r.raw, reason: `${r.code}, ${r.period} is also on line ${seen.line} with other figures` });
      if (!dropped.has(seen)) {
        dropped.add(seen);
        rejected.push({
          line: seen.line,
          raw: seen.raw,
          reason: `${seen.code}, ${seen.period} is also on line ${r.line} with other figures`,
        });
      }
    }
  }
  return rows.filter((r) => !dropped.has(r));
}

/** Reads a whole file: every record after the header accepted or rejected (sorted by line). */
export function readPortalFile(text: string, ctx: PortalFileContext): PortalFileResult {
  const { separator, lines } = readCsvLines(text);
  if (lines.length === 0) return { ok: false, problem: 'the file is empty (no header line)' };
  const header = mapHeader(lines[0].fields);
  if (typeof header === 'string') return { ok: false, problem: `line ${lines[0].line}: ${header}` };
  const width = lines[0].fields.length;
  const rows: PortalRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const { line, fields, raw } of lines.slice(1)) {
    if (fields.length !== width) {
      const hint = separator === ',' && fields.length > width ? ' (a decimal comma needs quotes, or separate the columns with ;)' : '';
      rejected.push({ line, raw, reason: `${fields.length} fields where the header has ${width}${hint}` });
      continue;
    }
    const r = checkRecord(fields, header.columns, ctx);
    if (typeof r === 'string') rejected.push({ line, raw, reason: r });
    else rows.push({ ...r, line, raw });
  }
  const accepted = rejectDuplicates(rows, rejected);
  rejected.sort((a, b) => a.line - b.line);
  return { ok: true, report: { separator, ignoredColumns: header.ignored, rows: lines.length - 1, accepted, rejected } };
}
