/**
 * The audit log as an {@link ExportTable} for the CSV writer: one row per entry, times to the second
 * in Vietnam time (text: an entry at 23:59:30 is not a bare date), details as `key: value` pairs.
 * Pure: rows and words in, plain data out.
 */
import type { AuditRow } from '../db/audit-repo.js';
import { VN_OFFSET_MS } from '../domain/time.js';
import type { ExportLang, ExportTable } from './table.js';
import { vnDate, vnIsoDateTime, vnTimeDate } from './vn-format.js';

const HEADERS: Record<ExportLang, string[]> = {
  vi: ['Thời điểm', 'Người thực hiện', 'Vai trò', 'Thao tác', 'Đối tượng', 'Kết quả', 'Địa chỉ IP', 'Chi tiết'],
  en: ['Time', 'Actor', 'Role', 'Action', 'Target', 'Outcome', 'IP address', 'Details'],
};
const OUTCOMES: Record<ExportLang, Record<string, string>> = {
  vi: { ok: 'Thành công', denied: 'Bị từ chối', failed: 'Thất bại' },
  en: { ok: 'Succeeded', denied: 'Denied', failed: 'Failed' },
};

/** The filter as the title says it: days given as `YYYY-MM-DD` (Vietnam days, both inclusive). */
export interface AuditExportFilter {
  action: string | null;
  actor: string | null;
  fromDay: string | null;
  toDay: string | null;
}

const seconds = (t: number): string => String(Math.floor(((((t + VN_OFFSET_MS) % 60_000) + 60_000) % 60_000) / 1000)).padStart(2, '0');

/** `dd/MM/yyyy HH:mm:ss` (vi) or `yyyy-MM-dd HH:mm:ss` (en), Vietnam time. */
export function auditTimeText(t: number, lang: ExportLang): string {
  const minute = lang === 'vi' ? `${vnDate(t)} ${vnTimeDate(t).slice(0, 5)}` : vnIsoDateTime(t);
  return `${minute}:${seconds(t)}`;
}

/** `scope: city; units: 26740, 26743` — readable in one cell. */
export function detailsText(details: Record<string, unknown> | null): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v === null ? '—' : String(v)}`)
    .join('; ');
}

const dayText = (day: string, lang: ExportLang): string => (lang === 'vi' ? day.split('-').reverse().join('/') : day);

/** `Nhật ký thao tác — thao tác source.created — từ 01/12/2026 đến 06/12/2026 — Xuất lúc 10:30 06/12/2026`. */
export function auditTitle(f: AuditExportFilter, lang: ExportLang, asOf: number): string {
  const vi = lang === 'vi';
  const parts = [vi ? 'Nhật ký thao tác' : 'Audit log'];
  if (f.action) parts.push(`${vi ? 'thao tác' : 'action'} ${f.action}`);
  if (f.actor) parts.push(`${vi ? 'người thực hiện' : 'actor'} ${f.actor}`);
  if (f.fromDay || f.toDay) {
    const from = f.fromDay ? `${vi ? 'từ' : 'from'} ${dayText(f.fromDay, lang)}` : '';
    const to = f.toDay ? `${vi ? 'đến hết' : 'to the end of'} ${dayText(f.toDay, lang)}` : '';
    parts.push([from, to].filter(Boolean).join(' '));
  }
  parts.push(`${vi ? 'Xuất lúc' : 'Exported at'} ${vnTimeDate(asOf)}`);
  return parts.join(' — ');
}

/** The rows (newest first, as read) under the filter's title. */
export function auditTable(rows: readonly AuditRow[], f: AuditExportFilter, lang: ExportLang, asOf: number): ExportTable {
  return {
    title: auditTitle(f, lang, asOf),
    sheetName: lang === 'vi' ? 'Nhat ky thao tac' : 'Audit log',
    columns: HEADERS[lang].map((header) => ({ header, kind: 'text' as const })),
    rows: rows.map((r) => [
      auditTimeText(r.at, lang),
      r.actor,
      r.role,
      r.action,
      r.target,
      OUTCOMES[lang][r.outcome] ?? r.outcome,
      r.ip,
      detailsText(r.details),
    ]),
  };
}
