/**
 * "Xuất CSV": builds the CSV (possibly fetching every page first), has the server record the export
 * in its audit log (POST /api/v1/exports), then offers it as a download. A refused record (the role
 * may not export that table) means no file.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsv } from '../../lib/csv';
import { useFormat } from '../../i18n';
import { ApiError, apiUrl, sendJson } from '../../api';
import type { EXPORT_TABLES } from '../../../server/http/export-routes';

export interface CsvExport {
  csv: string;
  /** Data rows in the file (the audit log records it). */
  rows: number;
  /** Set when the list was cut at the export cap: the number of rows exported. */
  truncatedAt?: number;
}

/** What the export is, for the audit log: which table of which unit (or `city`), with which filter. */
export interface ExportAudit {
  table: (typeof EXPORT_TABLES)[number];
  code: string;
  status?: string;
}

export interface CsvButtonProps {
  /** Table name, for the button's accessible label. */
  label: string;
  fileName: string;
  build: () => Promise<CsvExport> | CsvExport;
  audit: ExportAudit;
}

export function CsvButton({ label, fileName, build, audit }: CsvButtonProps) {
  const { t } = useTranslation('unit');
  const f = useFormat();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const onClick = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const out = await build();
      try {
        await sendJson('POST', apiUrl('/exports'), { ...audit, rows: out.rows });
      } catch (e) {
        setMessage(e instanceof ApiError && (e.status === 401 || e.status === 403) ? t('csv.refused') : t('csv.failed'));
        return;
      }
      downloadCsv(fileName, out.csv);
      if (out.truncatedAt !== undefined) setMessage(t('csv.truncated', { count: f.count(out.truncatedAt) }));
    } catch {
      setMessage(t('csv.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="csv-export">
      <button
        type="button"
        data-testid="csv-export"
        aria-label={t('csv.exportLabel', { table: label })}
        onClick={() => void onClick()}
        disabled={busy}
      >
        {busy ? t('csv.exporting') : t('csv.export')}
      </button>
      {message && (
        <span role="status" className="csv-message">
          {message}
        </span>
      )}
    </span>
  );
}
