import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { useAlerts } from './alerts-store';

/** Live feed of items that just became overdue ("Quá hạn mới"), newest first, bounded. */
export function AlertFeed() {
  const { t } = useTranslation('overview');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const alerts = useAlerts();

  return (
    <section className="panel alerts" aria-labelledby="alerts-title">
      <header className="panel__head">
        <h2 id="alerts-title" className="panel__title">
          {t('alerts.title')}
          {alerts.length > 0 && <span className="badge">{f.count(alerts.length)}</span>}
        </h2>
      </header>
      <div className="alerts__body" data-testid="alert-feed" aria-live="polite" aria-relevant="additions">
        {alerts.length === 0 ? (
          <p className="empty">{t('alerts.empty')}</p>
        ) : (
          <ul className="alert-list">
            {alerts.map((a) => (
              <li key={`${a.kind}:${a.id}`} className="alert-list__item" data-kind={a.kind}>
                <time className="alert-list__time" dateTime={a.at}>
                  {f.time(a.at)}
                </time>
                <div className="alert-list__main">
                  <Link
                    to={linkTo(a.kind === 'dossier' ? `/dossiers/${encodeURIComponent(a.id)}` : `/tasks/${encodeURIComponent(a.id)}`)}
                    className="alert-list__title"
                  >
                    <span className="tag">{t(`alerts.${a.kind}`)}</span> {a.title}
                  </Link>
                  <div className="alert-list__meta">
                    <Link to={linkTo(`/units/${encodeURIComponent(a.unit)}`)}>{a.unitName}</Link>
                    {a.holderName && <> · {t('alerts.holder', { name: a.holderName })}</>}
                    {a.dueAt && <> · {t('alerts.due', { date: f.dateTime(a.dueAt) })}</>}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
