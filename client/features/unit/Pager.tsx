/** Previous/next paging for a table, with "page x/y · n rows". */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n';

export interface PagerProps {
  /** Name of the table, for the navigation landmark's label. */
  label: string;
  page: number;
  pageCount: number;
  total: number;
  onPage: (page: number) => void;
}

export function Pager({ label, page, pageCount, total, onPage }: PagerProps) {
  const { t } = useTranslation('unit');
  const f = useFormat();
  if (total === 0) return null;
  const status = t('pager.status', { page: f.count(page), pages: f.count(pageCount), total: f.count(total) });
  if (pageCount <= 1) return <p className="pager pager-status">{status}</p>;
  return (
    <nav className="pager" aria-label={t('pager.label', { table: label })}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        <span aria-hidden="true">‹ </span>
        {t('pager.previous')}
      </button>
      <span className="pager-status" aria-live="polite">
        {status}
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pageCount}>
        {t('pager.next')}
        <span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}
