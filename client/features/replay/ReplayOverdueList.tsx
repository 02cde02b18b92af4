/**
 * The unit page's work list while replaying (issue 16): the dossiers that were overdue at the moment
 * shown, most overdue first, each with the official who held it then and its days overdue then.
 */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DossierListItem } from '../../../shared/contract/api';
import { apiUrl } from '../../api';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import type { Column } from '../unit/DataTable';
import { formatDayTime } from '../unit/datetime';
import { PagedListBlock } from '../unit/PagedListBlock';
import { bannerParts } from './replay-time';

export interface ReplayOverdueListProps {
  code: string;
  /** The moment shown, in the URL's form, and which events count. */
  query: { at: string; asOf: 'received' | 'corrected' };
  at: number;
}

/** The server answers in one order (most overdue then); the page is not re-sorted by other columns. */
const SORT_KEYS = ['daysOverdue'] as const;
const SORT_VALUE = { daysOverdue: (d: DossierListItem) => d.daysOverdue };

export function ReplayOverdueList({ code, query, at }: ReplayOverdueListProps) {
  const { t } = useTranslation('replay');
  const { t: tu } = useTranslation('unit');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const b = bannerParts(at);
  const moment = `${b.time} ${b.date}`;
  const columns = useMemo<Column<DossierListItem>[]>(
    () => [
      {
        key: 'id',
        header: tu('dossiers.id'),
        sortable: false,
        cell: (d) => <Link to={linkTo(`/dossiers/${encodeURIComponent(d.id)}`)}>{d.id}</Link>,
      },
      { key: 'procedureName', header: tu('dossiers.procedure'), sortable: false, cell: (d) => d.procedureName },
      {
        key: 'holderName',
        header: t('list.holderThen'),
        sortable: false,
        cell: (d) => d.holderName ?? <span className="muted">{tu('dossiers.noHolder')}</span>,
      },
      { key: 'dueAt', header: tu('dossiers.dueAt'), sortable: false, cell: (d) => formatDayTime(d.dueAt) },
      {
        key: 'daysOverdue',
        header: t('list.daysOverdueThen'),
        numeric: true,
        cell: (d) =>
          d.overdueReason === 'supplements' ? (
            <strong className="text-danger">{tu('dossiers.overdueBySupplements', { n: f.count(d.supplementRequests) })}</strong>
          ) : (
            <strong className="text-danger">{f.fixed(d.daysOverdue)}</strong>
          ),
      },
    ],
    [t, tu, f, linkTo],
  );
  return (
    <section className="block" aria-labelledby="replay-list-title" data-testid="replay-overdue-list">
      <h2 id="replay-list-title">{t('list.title', { moment })}</h2>
      <PagedListBlock<DossierListItem>
        caption={t('list.title', { moment })}
        urlOf={(v) =>
          apiUrl(`/units/${encodeURIComponent(code)}/dossiers`, { status: 'overdue', page: v.page, pageSize: v.pageSize, ...query })
        }
        sortKeys={SORT_KEYS}
        defaultSort={{ key: 'daysOverdue', dir: 'desc' }}
        sortValue={SORT_VALUE}
        columns={columns}
        rowKey={(d) => d.id}
        rowTestId={(d) => `replay-dossier-row-${d.id}`}
        empty={t('list.empty', { moment })}
        testId="replay-overdue"
        totalText={(n) => t('list.total', { n: f.count(n), moment })}
      />
    </section>
  );
}
