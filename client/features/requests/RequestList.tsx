/** Requests with state filter chips (each with how many requests it holds now) and their cards. */
import { useTranslation } from 'react-i18next';
import type { RequestStateFilter, RequestView } from '../../../shared/contract/requests';
import { useFormat } from '../../i18n';
import { RequestCard } from './RequestCard';
import { countByFilter, filterByState, type Viewer } from './requests-model';

/** The chips, in order: all, then the states a reader acts on first. */
const FILTERS: (RequestStateFilter | null)[] = [null, 'sent', 'read', 'overdue', 'answered'];

export interface RequestListProps {
  items: readonly RequestView[];
  viewer: Viewer | null;
  now: number;
  filter: RequestStateFilter | null;
  onFilter: (f: RequestStateFilter | null) => void;
  onChange: (r: RequestView) => void;
  empty: string;
  emptyFilter: string;
  testId?: string;
}

export function RequestList({ items, viewer, now, filter, onFilter, onChange, empty, emptyFilter, testId }: RequestListProps) {
  const { t } = useTranslation('requests');
  const f = useFormat();
  const counts = countByFilter(items, now);
  const shown = filterByState(items, filter, now);
  return (
    <div className="rq-list" data-testid={testId}>
      {items.length > 0 && (
        <div className="rq-filters" role="group" aria-label={t('filter.label')}>
          {FILTERS.map((k) => (
            <button
              key={k ?? 'all'}
              type="button"
              className="rq-chip"
              aria-pressed={filter === k}
              onClick={() => onFilter(k)}
              data-testid={`request-filter-${k ?? 'all'}`}
            >
              {t(`filter.${k ?? 'all'}`, { count: f.count(k ? counts[k] : items.length) })}
            </button>
          ))}
        </div>
      )}
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{emptyFilter}</p>
      ) : (
        <ul className="rq-items">
          {shown.map((r) => (
            <li key={r.id}>
              <RequestCard request={r} viewer={viewer} now={now} onChange={onChange} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
