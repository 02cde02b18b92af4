/**
 * The tasks tab's early warning: the status-update rate of the scope's open tasks (tỷ lệ cập nhật tình
 * hình, said with what it counts), and the open tasks due within the rule's working days, coloured.
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ScopeKey } from '../../../shared/contract/metrics';
import { useApi } from '../../api';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { formatDayTime } from '../unit/datetime';
import { LoadError } from '../unit/LoadError';
import { useReloadOn } from '../unit/use-reload-on';
import { fetchAtRiskTasks } from './api';
import { WarningBadge } from './WarningBadge';
import './early-warning.css';

export function AtRiskTasks({ scope, refreshToken }: { scope: ScopeKey; refreshToken?: number | null }) {
  const { t } = useTranslation('warning');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const res = useApi((signal) => fetchAtRiskTasks(scope, { pageSize: 20 }, signal), [scope]);
  useReloadOn(refreshToken, res.reload);
  const data = res.data;
  if (res.error && !data) return <LoadError error={res.error} onRetry={res.reload} />;
  if (!data) return null;
  const rate = data.updateRate;
  const days = data.rule.dueWithinWorkingDays;
  return (
    <section className="warn-tasks" aria-label={t('tasks.caption', { days })} data-testid="at-risk-tasks">
      <p className="warn-tasks__rate" data-testid="task-update-rate">
        {rate.open === 0 ? (
          t('tasks.noOpen')
        ) : (
          <>
            <strong>{t('tasks.updateRate', { rate: f.percent(rate.rate) })}</strong>{' '}
            <span className="muted">
              ({t('tasks.updateRateDetail', { updated: f.count(rate.updated), open: f.count(rate.open), days: rate.windowWorkingDays })})
            </span>
          </>
        )}
      </p>
      <h3>{t('tasks.caption', { days })}</h3>
      <p className="muted">{t('tasks.rule', { due: days, idle: data.rule.idleWorkingDays })}</p>
      {data.items.length === 0 ? (
        <p className="empty">{t('tasks.empty', { days })}</p>
      ) : (
        <ul className="warn-list" data-testid="at-risk-task-list">
          {data.items.map((x) => (
            <li key={x.id} className={`warn-list__item warn-list__item--${x.status}`} data-status={x.status}>
              <WarningBadge status={x.status} />
              <div className="warn-list__main">
                <Link to={linkTo(`/tasks/${encodeURIComponent(x.id)}`)} className="warn-list__title">
                  {x.title}
                </Link>
                <div className="warn-list__meta">
                  {x.documentNumber && <>{x.documentNumber} · </>}
                  {t('tasks.dueAt')} {formatDayTime(x.dueAt)} · {t('tasks.daysLeft')}: {f.number(x.workingDaysLeft, 1)} ·{' '}
                  {t('tasks.lastProgress')}: {x.lastProgressAt ? formatDayTime(x.lastProgressAt) : t('tasks.never')}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
