import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fetchRecentOverdue, useJurisdiction } from '../../api';
import { useFormat } from '../../i18n';
import { isVnEndOfDay } from '../../../shared/datetime';
import { overdueItemsToAlerts } from '../../lib/alert-feed';
import { useViewParams } from '../../lib/url-state';
import { getConnection } from '../../realtime/socket';
import { useSession } from '../auth/session';
import { backfillAlerts, clearAlerts, useAlerts } from './alerts-store';

/** Recently overdue dossiers and tasks (each) read to fill the feed when the page opens. */
const FEED_BACKFILL = 20;

interface AlertFeedProps {
  /** Snapshots taken by the page's live subscription: each one (start, reconnect) refills the feed. */
  syncCount: number;
}

/**
 * Live feed of items that just became overdue ("Quá hạn mới"), and of dossiers that just became at risk
 * of being late (kind `at_risk`, tagged apart: the early warning), newest first, bounded. For those who
 * may read the lists, it opens with the most recently overdue items of their scope, so the first
 * look already shows what is late and who holds it; the public sees only the live alerts, without names.
 */
export function AlertFeed({ syncCount }: AlertFeedProps) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const { linkTo } = useViewParams();
  const alerts = useAlerts();
  const { me, loaded } = useSession();
  const jurisdiction = useJurisdiction();
  const caps = me.capabilities;
  const scope = caps.home ?? 'city';

  // Another principal may see other things: start its feed afresh.
  const who = me.user?.username ?? null;
  const lastWho = useRef(who);
  useEffect(() => {
    if (lastWho.current !== who) clearAlerts();
    lastWho.current = who;
  }, [who]);

  const names = jurisdiction.data;
  const today = f.date(getConnection().lastTick?.now ?? Date.now());
  useEffect(() => {
    if (!loaded || syncCount === 0 || !names || !(caps.dossierLists || caps.taskLists)) return;
    const ctrl = new AbortController();
    const nameOf = (code: string) =>
      names.units.find((u) => u.code === code)?.fullName ?? names.departments.find((d) => d.code === code)?.name ?? code;
    const serverNow = getConnection().lastTick?.now;
    fetchRecentOverdue(scope, FEED_BACKFILL, ctrl.signal, { dossiers: caps.dossierLists, tasks: caps.taskLists }).then(
      ({ dossiers, tasks }) =>
        backfillAlerts(overdueItemsToAlerts(dossiers, tasks, nameOf, serverNow ? Date.parse(serverNow) : Date.now())),
      () => {}, // the live alerts carry on; the next snapshot tries again
    );
    return () => ctrl.abort();
  }, [loaded, syncCount, names, scope, caps.dossierLists, caps.taskLists]);

  return (
    <section className="panel alerts" aria-labelledby="alerts-title">
      <header className="panel__head">
        <h2 id="alerts-title" className="panel__title">
          {t('alerts.titleWithWarnings')}
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
                  {/* A bare due date (the end of a day) has no time to show (shared/datetime.ts). */}
                  {isVnEndOfDay(Date.parse(a.at)) ? tc('endOfDay') : f.time(a.at)}
                  {/* Items read at start may be days old: say which day. */}
                  {(f.date(a.at) !== today || isVnEndOfDay(Date.parse(a.at))) && <span className="alert-list__day">{f.date(a.at)}</span>}
                </time>
                <div className="alert-list__main">
                  <Link
                    to={linkTo(a.kind === 'task' ? `/tasks/${encodeURIComponent(a.id)}` : `/dossiers/${encodeURIComponent(a.id)}`)}
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
