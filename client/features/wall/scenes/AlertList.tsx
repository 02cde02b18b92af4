import { useTranslation } from 'react-i18next';
import { isVnEndOfDay } from '../../../../shared/datetime';
import { useFormat } from '../../../i18n';
import { dayMonth, hourMinute, vnDay } from '../freshness';
import type { WallAlert } from '../buffers';

const endOfDay = (iso: string) => isVnEndOfDay(Date.parse(iso));

/** Newly overdue items, newest first: time, kind, title, unit, official. */
/**
 * @param today the server's current day in Vietnam (`vnDay`): an item from an earlier day shows its
 * date under the time, since "17:00" alone would read as today.
 */
export function AlertList({ alerts, compact = false, today }: { alerts: readonly WallAlert[]; compact?: boolean; today: string | null }) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  const f = useFormat();
  if (alerts.length === 0) return <p className="wall-empty">{t('feed.empty')}</p>;
  return (
    <ol className={`wall-alerts${compact ? ' wall-alerts--compact' : ''}`} data-testid="wall-alerts">
      {alerts.map((a, i) => (
        <li
          key={`${a.kind}:${a.id}`}
          className={`wall-alert${i === 0 ? ' wall-alert--newest' : ''}`}
          data-kind={a.kind}
          data-unit={a.unit}
          data-id={a.id}
        >
          <time className="wall-alert__time" dateTime={a.at}>
            {/* A bare due date (the end of a day) has no time to show: "23:59" would read as one (shared/datetime.ts). */}
            {endOfDay(a.at) ? tc('endOfDay') : hourMinute(a.at)}
            {(endOfDay(a.at) || (today != null && vnDay(a.at) !== today)) && <span className="wall-alert__day">{dayMonth(a.at)}</span>}
          </time>
          <div className="wall-alert__main">
            <div className="wall-alert__title">
              <span className="wall-tag" data-kind={a.kind}>
                {t(`feed.${a.kind}`)}
              </span>{' '}
              {a.title}
            </div>
            <div className="wall-alert__meta">
              <strong>{a.unitName}</strong>
              {!compact && a.holderName && <> · {t('feed.holder', { name: a.holderName })}</>}
              {!compact && a.dueAt && <> · {t('feed.due', { date: f.dateTime(a.dueAt) })}</>}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
