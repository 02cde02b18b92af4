/** Server-paged list of a unit's overdue directive tasks, linking to /tasks/:id. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TaskListItem } from '../../../shared/contract/api';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { unitTasksUrl } from './api';
import { TASK_DEFAULT_SORT, TASK_SORT_KEYS, TASK_SORT_VALUE } from './columns';
import type { Column } from './DataTable';
import { formatDayTime } from './datetime';
import { PagedListBlock } from './PagedListBlock';
import { useSession } from '../auth/session';
import { SendRequest } from '../requests/SendRequest';
import { mayOfferRequest } from '../requests/offer';

export interface TaskListProps {
  code: string;
  refreshToken?: number;
}

export function TaskList({ code, refreshToken }: TaskListProps) {
  const { t } = useTranslation('unit');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const caption = t('tasks.caption');
  const { me } = useSession();
  const sends = mayOfferRequest(me.capabilities, { type: 'task', id: '' });
  const actionsHeader = t('send.column', { ns: 'requests' });
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
        cell: (x) => <strong className="text-danger">{f.fixed(x.daysOverdue)}</strong>,
      },
      { key: 'extensions', header: t('tasks.extensions'), numeric: true, cell: (x) => f.count(x.extensions) },
      // The list holds overdue tasks: each offers a reminder or an explanation request, the task filled in.
      ...(sends
        ? [
            {
              key: 'actions',
              header: actionsHeader,
              sortable: false,
              cell: (x: TaskListItem) => <SendRequest compact subject={{ type: 'task', id: x.id, title: x.title }} />,
            },
          ]
        : []),
    ],
    [t, f, linkTo, sends, actionsHeader],
  );

  return (
    <PagedListBlock<TaskListItem>
      caption={caption}
      urlOf={(v) => unitTasksUrl(code, 'open_overdue', { page: v.page, pageSize: v.pageSize, sort: v.key, dir: v.dir })}
      exportRequest={{ table: 'tasks', code, status: 'open_overdue' }}
      sortKeys={TASK_SORT_KEYS}
      defaultSort={TASK_DEFAULT_SORT}
      sortValue={TASK_SORT_VALUE}
      columns={columns}
      rowKey={(x) => x.id}
      rowTestId={(x) => `task-row-${x.id}`}
      empty={t('tasks.empty')}
      testId="unit-tasks-list"
      refreshToken={refreshToken}
    />
  );
}
