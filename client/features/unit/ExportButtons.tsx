/**
 * The export of a unit-page table: "Tải Excel (.xlsx)" first (the default), "CSV" second. The server
 * builds the file from the same data and rules as the table (GET /api/v1/exports/:table) and records
 * the export in its audit log; the headers follow the UI language, and so does the CSV's separator
 * (`;` and decimal commas in Vietnamese, `,` and decimal points in English). Two native buttons in a
 * labelled group: reachable with Tab, pressed with Enter or Space.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EXPORT_FORMATS, ExportTableName } from '../../../server/http/export-routes';
import { ApiError, apiUrl, getFile } from '../../api';
import { useFormat } from '../../i18n';
import { downloadBlob } from '../../lib/download';
import type { SortDir } from './sorting';

type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which table of which unit (or `city`), filtered and ordered as the dashboard shows it. */
export interface ExportRequest {
  table: ExportTableName;
  code: string;
  status?: string;
  /** The report period of breakdowns and officials (lists are always current). */
  period?: string;
  /** A dossier list narrowed to what one official holds now (their handler id). */
  holder?: string;
  sort?: string | null;
  dir?: SortDir;
}

export interface ExportButtonsProps {
  /** Table name, for the buttons' accessible labels. */
  label: string;
  request: ExportRequest;
}

/** GET /api/v1/exports/:table?code=&format=&lang=… */
export function exportUrl(r: ExportRequest, format: ExportFormat, lang: string): string {
  return apiUrl(`/exports/${encodeURIComponent(r.table)}`, {
    code: r.code,
    format,
    lang: lang.startsWith('en') ? 'en' : 'vi',
    status: r.status,
    period: r.period,
    holder: r.holder,
    sort: r.sort ?? undefined,
    dir: r.sort ? r.dir : undefined,
  });
}

export function ExportButtons({ label, request }: ExportButtonsProps) {
  const { t, i18n } = useTranslation('unit');
  const f = useFormat();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setMessage(null);
    try {
      const file = await getFile(exportUrl(request, format, i18n.language));
      downloadBlob(file.fileName ?? `${request.table}-${request.code}.${format}`, file.blob);
      const rows = Number(file.headers.get('X-Export-Rows'));
      const total = Number(file.headers.get('X-Export-Total'));
      if (total > rows) setMessage(t('export.truncated', { count: f.count(rows) }));
    } catch (e) {
      setMessage(e instanceof ApiError && (e.status === 401 || e.status === 403) ? t('export.refused') : t('export.failed'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <span className="export-buttons" role="group" aria-label={t('export.group', { table: label })} aria-busy={busy !== null}>
      <button
        type="button"
        className="export-primary"
        data-testid="export-xlsx"
        aria-label={t('export.xlsxLabel', { table: label })}
        onClick={() => void run('xlsx')}
        disabled={busy !== null}
      >
        {busy === 'xlsx' ? t('export.exporting') : t('export.xlsx')}
      </button>
      <button
        type="button"
        className="export-secondary"
        data-testid="export-csv"
        aria-label={t('export.csvLabel', { table: label })}
        title={t('export.csvHint')}
        onClick={() => void run('csv')}
        disabled={busy !== null}
      >
        {busy === 'csv' ? t('export.exporting') : t('export.csv')}
      </button>
      {message && (
        <span role="status" className="export-message">
          {message}
        </span>
      )}
    </span>
  );
}
