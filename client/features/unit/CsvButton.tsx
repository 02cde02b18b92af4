/** "Xuất CSV": builds the CSV (possibly fetching every page first) and offers it as a download. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsv } from '../../lib/csv';
import { useFormat } from '../../i18n';

export interface CsvExport {
  csv: string;
  /** Set when the list was cut at the export cap: the number of rows exported. */
  truncatedAt?: number;
}

export interface CsvButtonProps {
  /** Table name, for the button's accessible label. */
  label: string;
  fileName: string;
  build: () => Promise<CsvExport> | CsvExport;
}

export function CsvButton({ label, fileName, build }: CsvButtonProps) {
  const { t } = useTranslation('unit');
  const f = useFormat();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const onClick = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const out = await build();
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
