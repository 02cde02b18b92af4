/** One server-paged list of a unit's dossiers (overdue, due soon or awaiting supplement). */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DossierListItem } from '../../../server/http/api-types';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { fetchPage, unitDossiersUrl } from './api';
import { DOSSIER_DEFAULT_SORT, DOSSIER_SORT_KEYS, DOSSIER_SORT_VALUE, LIST_PAGE_SIZE, sortPage } from './columns';
import type { DossierTab } from './columns';
import { ExportButtons } from './ExportButtons';
import { DataTable } from './DataTable';
import type { Column } from './DataTable';
import { formatDayTime } from './datetime';
import { Pager } from './Pager';
import { pageCountOf } from './sorting';
import { useReloadOn } from './use-reload-on';
import { useApi } from '../../api';
import { useTableView } from './use-table-view';
import { LoadError } from './LoadError';

export interface DossierListProps {
  code: string;
  status: DossierTab;
  /** Changes when live metrics say the list may have changed; the page is then reloaded. */
  refreshToken?: number;
}

export function DossierList({ code, status, refreshToken }: DossierListProps) {
  const { t } = useTranslation('unit');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const view = useTableView('', DOSSIER_SORT_KEYS, DOSSIER_DEFAULT_SORT[status]);
  const url = unitDossiersUrl(code, status, { page: view.page, pageSize: LIST_PAGE_SIZE, sort: view.key, dir: view.dir });
  const res = useApi((signal) => fetchPage<DossierListItem>(url, signal), [url]);
  const { reload } = res;

  useReloadOn(refreshToken, reload);

  const caption = t('dossiers.caption', { status: t(`tabs.${status}`) });

  const columns = useMemo<Column<DossierListItem>[]>(
    () => [
      {
        key: 'id',
        header: t('dossiers.id'),
        cell: (d) => <Link to={linkTo(`/dossiers/${encodeURIComponent(d.id)}`)}>{d.id}</Link>,
      },
      { key: 'procedureName', header: t('dossiers.procedure'), cell: (d) => d.procedureName },
      { key: 'field', header: t('dossiers.field'), cell: (d) => d.field },
      {
        key: 'holderName',
        header: t('dossiers.holder'),
        cell: (d) => d.holderName ?? <span className="muted">{t('dossiers.noHolder')}</span>,
      },
      { key: 'dueAt', header: t('dossiers.dueAt'), cell: (d) => formatDayTime(d.dueAt), firstDir: 'asc' },
      {
        key: 'daysOverdue',
        header: t('dossiers.daysOverdue'),
        numeric: true,
        cell: (d) =>
          // Counted overdue by the two-supplements rule, maybe before its due date: say why, not "0".
          d.overdueReason === 'supplements' ? (
            <strong className="text-danger" data-testid="overdue-reason">{t('dossiers.overdueBySupplements', { n: f.count(d.supplementRequests) })}</strong>
          ) : d.daysOverdue > 0 ? (
            <strong className="text-danger">{f.number(d.daysOverdue, 1)}</strong>
          ) : (
            f.number(0)
          ),
      },
    ],
    [t, f, linkTo],
  );


  const data = res.data;
  const rows = useMemo(() => (data ? sortPage(data.items, view, DOSSIER_SORT_VALUE) : []), [data, view.key, view.dir]);
  return (
    <section className="list-block" aria-label={caption}>
      <div className="block-toolbar">
        <ExportButtons label={caption} request={{ table: 'dossiers', code, status, sort: view.key, dir: view.dir }} />
      </div>
      {res.error && <LoadError error={res.error} onRetry={reload} />}
      {data === null && res.loading ? (
        <p role="status">{t('loading')}</p>
      ) : data ? (
        <>
          <DataTable
            caption={caption}
            hideCaption
            columns={columns}
            rows={rows}
            rowKey={(d) => d.id}
            rowTestId={(d) => `dossier-row-${d.id}`}
            sort={view}
            onSort={view.onSort}
            empty={t('dossiers.empty')}
            busy={res.loading}
            testId={`unit-${status}-list`}
          />
          <Pager
            label={caption}
            page={data.page}
            pageCount={pageCountOf(data.total, data.pageSize)}
            total={data.total}
            onPage={view.onPage}
          />
        </>
      ) : null}
    </section>
  );
}
