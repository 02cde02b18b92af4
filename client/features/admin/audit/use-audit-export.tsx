/** Downloads the filtered audit log as CSV and says how many rows it holds (the newest, when cut). */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n';
import { downloadBlob } from '../../../lib/download';
import { downloadAuditCsv, type AuditFilterValues } from './api';
import { errorText } from '../../../api/error-text';

export function useAuditExport(filter: AuditFilterValues): { busy: boolean; run: () => Promise<void>; message: ReactNode } {
  const { t } = useTranslation('adminAudit');
  const fmt = useFormat();
  const [state, setState] = useState<{ busy: boolean; text: string | null; failed?: boolean }>({ busy: false, text: null });
  const run = async () => {
    setState({ busy: true, text: null });
    try {
      const file = await downloadAuditCsv(filter, fmt.lang);
      downloadBlob(file.fileName ?? 'nhat-ky-thao-tac.csv', file.blob);
      const rows = Number(file.headers.get('X-Export-Rows') ?? 0);
      const total = Number(file.headers.get('X-Export-Total') ?? rows);
      const text =
        rows < total ? t('exportCut', { rows: fmt.count(rows), total: fmt.count(total) }) : t('exported', { rows: fmt.count(rows) });
      setState({ busy: false, text });
    } catch (e) {
      setState({ busy: false, text: t('failed', { message: errorText(e) }), failed: true });
    }
  };
  const message = state.text ? (
    <p role={state.failed ? 'alert' : 'status'} className={state.failed ? 'load-error' : 'admin-ok'} data-testid="audit-export-message">
      {state.text}
    </p>
  ) : null;
  return { busy: state.busy, run, message };
}
