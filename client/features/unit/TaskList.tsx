/** Server-paged list of a unit's overdue directive tasks, linking to /tasks/:id. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TaskListItem } from '../../../server/http/api-types';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { fetchPage, unitTasksUrl } from './api';
import { LIST_PAGE_SIZE, TASK_DEFAULT_SORT, TASK_SORT_KEYS, TASK_SORT_VALUE, sortPage } from './columns';
import { ExportButtons } from './ExportButtons';
import { DataTable } from './DataTable';
import type { Column } from './DataTable';
import { formatDayTime } from './datetime';
import { LoadError } from './LoadError';
import { Pager } from './Pager';
import { pageCountOf } from './sorting';
import { useReloadOn } from './use-reload-on';
import { useApi } from '../../api';
import { useTableView } from './use-table-view';

export interface TaskListProps {
  code: string;
  refreshToken?: number;
}

export function TaskList({ code, refreshToken }: TaskListProps) {
  const { t } = useTranslation('unit');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const view = useTableView('', TASK_SORT_KEYS, TASK_DEFAULT_SORT);
  const url = unitTasksUrl(code, 'open_overdue', { page: view.page, pageSize: LIST_PAGE_SIZE, sort: view.key, dir: view.dir });
  const res = useApi((signal) => fetchPage<TaskListItem>(url, signal), [url]);
  const { reload } = res;

  useReloadOn(refreshToken, reload);

  const caption = t('tasks.caption');
  const columns = useMemo<Column<TaskListItem>[]>(
    () => [
      {
        key: 'title',
        header: t('tasks.title'),
        cell: (x) => <Link to={linkTo(`/tasks/${encodeURIComponent(x.id)}`)}>{x.title || x.id}</Link>,
      },
      { key: 'documentNumber', header: t('tasks.documentNumber'), cell: (x) => x.documentNumber ?? '—' },
      { key: 'issuer', header: t('tasks.issuer'), cell: (x) => x.issuer ?? '—' },
      { key: 'assignedAt', header: t('tasks.assignedAt'), cell: (x) => formatDayTime(x.assignedAt) },
      { key: 'dueAt', header: t('tasks.dueAt'), cell: (x) => formatDayTime(x.dueAt) },
      {
        key: 'daysOverdue',
        header: t('tasks.daysOverdue'),
        numeric: true,
        cell: (x) => <strong className="text-danger">{f.number(x.daysOverdue, 1)}</strong>,
      },
      { key: 'extensions', header: t('tasks.extensions'), numeric: true, cell: (x) => f.count(x.extensions) },
    ],
    [t, f, linkTo],
  );


  const data = res.data;
  const rows = useMemo(() => (data ? sortPage(data.items, view, TASK_SORT_VALUE) : []), [data, view.key, view.dir]);
  return (
    <section className="list-block" aria-label={caption}>
      <div className="block-toolbar">
        <ExportButtons label={caption} request={{ table: 'tasks', code, status: 'open_overdue', sort: view.key, dir: view.dir }} />
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
            rowKey={(x) => x.id}
            rowTestId={(x) => `task-row-${x.id}`}
            sort={view}
            onSort={view.onSort}
            empty={t('tasks.empty')}
            busy={res.loading}
            testId="unit-tasks-list"
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
