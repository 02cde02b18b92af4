/**
 * The audit tab of /admin: the log filtered by action, actor and Vietnam days, newest first, paged,
 * each entry's details readable; the filtered log downloads as CSV (UTF-8 with BOM, for Excel).
 */
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api';
import { useFormat } from '../../../i18n';
import { AdminTable } from '../sources/AdminTable';
import { LoadError } from '../../unit/LoadError';
import { Pager } from '../../unit/Pager';
import { AuditRow } from './AuditRow';
import { AuditFilters } from './AuditFilters';
import { useAuditExport } from './use-audit-export';
import { fetchAuditActions, fetchAuditPage } from './api';
import { useAuditUrl } from './use-audit-url';
import '../admin-ops.css';

const PAGE_SIZE = 50;
const COLUMNS = ['at', 'actor', 'action', 'target', 'outcome', 'details'] as const;

export function AuditSection() {
  const { t } = useTranslation('adminAudit');
  const fmt = useFormat();
  const { filter, page, show } = useAuditUrl();
  const log = useApi((s) => fetchAuditPage(filter, page, PAGE_SIZE, s), [filter, page]);
  const actions = useApi((s) => fetchAuditActions(s), []);
  const exporting = useAuditExport(filter);
  const pageCount = log.data ? Math.max(1, Math.ceil(log.data.total / PAGE_SIZE)) : 1;

  return (
    <section className="block admin-section" aria-labelledby="admin-audit-title" data-testid="admin-audit">
      <div className="block-head">
        <h2 id="admin-audit-title">{t('title')}</h2>
        <button
          type="button"
          className="admin-primary"
          onClick={() => void exporting.run()}
          disabled={exporting.busy}
          data-testid="audit-export"
        >
          {exporting.busy ? t('exporting') : t('export')}
        </button>
      </div>
      <p className="hint">{t('intro')}</p>
      {exporting.message}
      <AuditFilters key={JSON.stringify(filter)} value={filter} actions={actions.data?.actions ?? []} onApply={(f) => show(f, 1)} />
      {log.error ? (
        <LoadError error={log.error} onRetry={log.reload} />
      ) : (
        <>
          {log.data && (
            <p className="list-total" data-testid="audit-total">
              {t('total', { count: log.data.total, formatted: fmt.count(log.data.total) })}
            </p>
          )}
          <AdminTable
            headers={COLUMNS.map((c) => t(`col.${c}`))}
            busy={log.loading}
            empty={log.data?.items.length === 0 ? t('empty') : null}
          >
            {log.data?.items.map((e) => (
              <AuditRow key={e.id} entry={e} />
            ))}
          </AdminTable>
          {log.data && (
            <Pager label={t('title')} page={page} pageCount={pageCount} total={log.data.total} onPage={(p) => show(filter, p)} />
          )}
        </>
      )}
    </section>
  );
}
