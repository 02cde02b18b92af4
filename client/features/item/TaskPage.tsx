/** One directive task (`/tasks/:id`): document, issuer, assignee, deadlines, status, timeline. */
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TaskDetailResponse } from '../../../shared/contract/api';
import { fetchTask, useApi } from '../../api';
import { useFormat } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useViewParams } from '../../lib/url-state';
import { formatDayTime } from '../unit/datetime';
import { LoadError } from '../unit/LoadError';
import { SummaryList } from './SummaryList';
import type { SummaryItem } from './SummaryList';
import { TimelinessBadge } from './TimelinessBadge';
import { parseInstant, taskTimelineModel } from './timeline-model';
import { TimelineList } from './TimelineList';
import { TimelineStrip } from './TimelineStrip';
import { SendRequest } from '../requests/SendRequest';
import { useRequestTimeline } from '../requests/use-request-timeline';
import '../unit/drill.css';

function TaskView({ task }: { task: TaskDetailResponse }) {
  const { t } = useTranslation('item');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const now = parseInstant(task.asOf) ?? Date.now();
  const model = useMemo(() => taskTimelineModel(task, now), [task, now]);
  const dueMoved = task.originalDueAt !== null && task.originalDueAt !== task.dueAt;
  const requests = useRequestTimeline('task', task.id);

  const items: SummaryItem[] = [
    {
      key: 'document',
      label: t('task.document'),
      value: task.document ? t('task.documentValue', { number: task.document.number, date: formatDate(task.document.date) }) : '—',
    },
    { key: 'issuer', label: t('task.issuer'), value: task.issuer ?? '—' },
    {
      key: 'assignee',
      label: t('task.assignee'),
      value: task.assignee ? (
        <Link to={linkTo(`/units/${encodeURIComponent(task.assignee)}`)}>{task.assigneeName ?? task.assignee}</Link>
      ) : (
        '—'
      ),
    },
    { key: 'assignedAt', label: t('task.assignedAt'), value: formatDayTime(task.assignedAt) },
  ];
  if (dueMoved) items.push({ key: 'originalDueAt', label: t('task.originalDueAt'), value: formatDayTime(task.originalDueAt) });
  items.push(
    { key: 'dueAt', label: t('task.dueAt'), value: task.dueAt ? formatDayTime(task.dueAt) : t('task.noDeadline') },
    { key: 'extensions', label: t('task.extensions'), value: f.count(task.extensions) },
    {
      key: 'completedAt',
      label: t('task.completedAt'),
      value: task.completedAt ? formatDayTime(task.completedAt) : t('task.notCompleted'),
    },
    { key: 'status', label: t('task.status'), value: <TimelinessBadge value={task.timeliness} kind="task" /> },
  );
  if (task.daysOverdue > 0) {
    items.push({
      key: 'daysOverdue',
      label: t('task.daysOverdue'),
      value: <strong className="text-danger">{f.number(task.daysOverdue, 1)}</strong>,
    });
  }

  const barText = () => {
    const name = task.assigneeName ?? task.assignee ?? '';
    return { label: t(`taskTimeliness.${task.timeliness}`), title: name };
  };

  return (
    <>
      <header className="page-head">
        <p className="page-kicker">{t('task.title', { id: task.id })}</p>
        <h1>
          {task.title ?? t('task.title', { id: task.id })} <TimelinessBadge value={task.timeliness} kind="task" />
        </h1>
        <p className="page-meta">{t('asOf', { time: formatDayTime(task.asOf) })}</p>
        <SendRequest subject={{ type: 'task', id: task.id, title: task.title }} onSent={requests.feed.apply} />
      </header>
      <section className="block" aria-labelledby="task-summary-title">
        <h2 id="task-summary-title">{t('task.summary')}</h2>
        <SummaryList items={items} testId="task-summary" />
      </section>
      <section className="block" aria-labelledby="task-timeline-title">
        <h2 id="task-timeline-title">{t('timeline.title')}</h2>
        <div data-testid="task-timeline">
          <TimelineStrip
            model={model}
            label={t('task.timelineLabel', { id: task.id })}
            barText={barText}
            lineLabel={(kind) => (kind === 'due' ? t('timeline.taskDue') : undefined)}
          />
          <h3>{t('timeline.listTitle')}</h3>
          <TimelineList entries={task.timeline} kind="task" extra={requests.extra} />
        </div>
      </section>
    </>
  );
}

export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('item');
  const res = useApi((signal) => fetchTask(id, { signal }), [id]);
  const task = res.data && res.data.id === id ? res.data : null;

  let body;
  if (res.error && !task) {
    body = res.error.isNotFound ? (
      <div role="alert" className="load-error not-found" data-testid="task-not-found">
        <h1>{t('task.title', { id })}</h1>
        <p>{t('task.notFound', { id })}</p>
      </div>
    ) : (
      <LoadError error={res.error} onRetry={res.reload} message={t('error')} />
    );
  } else if (!task) {
    body = <p role="status">{t('loading')}</p>;
  } else {
    body = <TaskView task={task} />;
  }
  return (
    <article className="drill-page task-page" data-testid="task-page" aria-busy={res.loading || undefined}>
      {body}
    </article>
  );
}
