/**
 * The data-quality tab (`/admin/quality`): refused records counted per source × rule and per day, the
 * list of records (cards), and for each a JSON editor to fix and replay it as its source, or dismiss
 * it with a note. Admin only (the page and the server both check).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api';
import { fetchCounts, fetchRecords, type QualityFilter } from './api';
import { QualityFilters } from './QualityFilters';
import { CountsTable } from './CountsTable';
import { DayChart } from './DayChart';
import { RecordList } from './RecordList';
import './quality.css';
import { errorText } from '../../../api/error-text';

const NO_FILTER: QualityFilter = { source: '', rule: '', state: 'open', from: '', to: '' };

export function QualitySection() {
  const { t } = useTranslation('adminQuality');
  const [filter, setFilter] = useState<QualityFilter>(NO_FILTER);
  const [page, setPage] = useState(1);
  // Counts cover every state (the table says how many are still open); the list follows the state filter.
  const counts = useApi((s) => fetchCounts({ ...filter, state: '' }, s), [filter]);
  const records = useApi((s) => fetchRecords(filter, page, s), [filter, page]);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (text: string) => {
    setNotice(text);
    counts.reload();
    records.reload();
  };
  const sources = [...new Set((counts.data?.bySourceRule ?? []).map((r) => r.source).filter((s): s is string => s !== null))].sort();

  return (
    <section className="aq" data-testid="admin-quality">
      <p className="page-meta">{t('intro')}</p>
      <QualityFilters
        value={filter}
        sources={sources}
        onChange={(f) => {
          setFilter(f);
          setPage(1);
        }}
      />
      {counts.error && <p role="alert">{t('loadError', { message: errorText(counts.error) })}</p>}
      {counts.data && (
        <div className="aq-summary">
          <CountsTable counts={counts.data} />
          <DayChart counts={counts.data} />
        </div>
      )}
      {records.error && <p role="alert">{t('loadError', { message: errorText(records.error) })}</p>}
      {notice && (
        <p role="status" className="aq-notice" data-testid="aq-notice">
          {notice}
        </p>
      )}
      {records.data && <RecordList list={records.data} onPage={setPage} onChanged={changed} />}
    </section>
  );
}
