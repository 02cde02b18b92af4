/** One page of refused records as cards, with the pager. */
import { useTranslation } from 'react-i18next';
import type { QuarantineListResponse } from '../../../../shared/contract/quarantine';
import { useFormat } from '../../../i18n';
import { RecordCard } from './RecordCard';

interface Props {
  list: QuarantineListResponse;
  onPage: (page: number) => void;
  onChanged: (notice: string) => void;
}

export function RecordList({ list, onPage, onChanged }: Props) {
  const { t } = useTranslation('adminQuality');
  const f = useFormat();
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <section className="aq-list" aria-labelledby="aq-list-title">
      <h2 id="aq-list-title">{t('list.title')}</h2>
      <p className="muted" data-testid="aq-total">
        {t('list.total', { count: list.total, formatted: f.count(list.total) })}
      </p>
      {list.items.length === 0 && <p>{t('list.empty')}</p>}
      <ul className="aq-cards">
        {list.items.map((r) => (
          <RecordCard key={r.id} record={r} onChanged={onChanged} />
        ))}
      </ul>
      {pages > 1 && (
        <nav className="aq-pager">
          <button type="button" className="btn btn--ghost" disabled={list.page <= 1} onClick={() => onPage(list.page - 1)}>
            {t('list.prev')}
          </button>
          <span>{t('list.page', { page: list.page, pages })}</span>
          <button type="button" className="btn btn--ghost" disabled={list.page >= pages} onClick={() => onPage(list.page + 1)}>
            {t('list.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
