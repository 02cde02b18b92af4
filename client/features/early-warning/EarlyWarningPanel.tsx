/**
 * The overview's "Cảnh báo sớm" panel: the dossiers of the viewer's scope due within the next working
 * hours of the at-risk rule that will be late or are at risk (red, orange: listed first; the counts give
 * every colour), soonest first, with the colour key, the unit and the official holding each. Read again every minute and as soon as an `at_risk` alert arrives.
 * Those who may not list dossiers (the public) see how many are at risk, without names.
 */
import { useCallback, useEffect } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AlertRaised } from '../../../shared/contract/events';
import type { ScopeKey } from '../../../shared/contract/metrics';
import { WARNING_STATUSES } from '../../../shared/contract/early-warning';
import { useApi } from '../../api';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { EV } from '../../realtime/socket';
import { useSocketEvent } from '../../realtime/useSocketEvent';
import { formatDayTime } from '../unit/datetime';
import { fetchAtRiskDossiers } from './api';
import { WarningBadge, WarningCounts, WarningLegend } from './WarningBadge';
import './early-warning.css';
import { errorText } from '../../api/error-text';

/** Items shown in the panel; the rest are on the scope's page (tab "Cảnh báo sớm"). */
const PANEL_ITEMS = 12;
/** The panel lists what needs acting on; green and grey ones are counted, and listed on the scope's page. */
const URGENT = ['red', 'orange'] as const;
/** The list is read again this often (time alone changes colours). */
export const WARNING_REFRESH_MS = 60_000;

export interface EarlyWarningPanelProps {
  scope: ScopeKey;
  /** The viewer may list this scope's dossiers (and see who holds them). */
  canList: boolean;
  /** Dossiers at risk now (the forecast's count), shown to those who may not list them. */
  atRiskCount: number | null;
}

export function EarlyWarningPanel({ scope, canList, atRiskCount }: EarlyWarningPanelProps) {
  const { t } = useTranslation('warning');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const list = useApi(canList ? (signal) => fetchAtRiskDossiers(scope, { pageSize: PANEL_ITEMS, statuses: URGENT }, signal) : null, [
    scope,
    canList,
  ]);
  const { reload } = list;
  useEffect(() => {
    const id = window.setInterval(reload, WARNING_REFRESH_MS);
    return () => window.clearInterval(id);
  }, [reload]);
  useSocketEvent(
    EV.alertRaised,
    useCallback((a: AlertRaised) => (a.kind === 'at_risk' ? reload() : undefined), [reload]),
    canList,
  );
  const data = list.data;
  const pageCode = scope === 'city' ? 'city' : scope.slice(scope.indexOf(':') + 1);
  const total = data ? WARNING_STATUSES.reduce((n, s) => n + data.counts[s], 0) : 0;
  const hours = data?.rule.dueWithinWorkingHours ?? 0;

  return (
    <section className="panel warn-panel" aria-labelledby="warn-panel-title" data-testid="early-warning-panel">
      <header className="panel__head">
        <h2 id="warn-panel-title" className="panel__title">
          {t('title')}
        </h2>
      </header>
      <div className="warn-panel__body">
        {!canList ? (
          <p className="warn-panel__note">
            {atRiskCount !== null && <strong>{t('list.publicCount', { n: f.count(atRiskCount) })}</strong>} {t('list.needLogin')}
          </p>
        ) : data ? (
          <>
            <p className="warn-panel__caption">{t('list.captionUrgent', { hours })}</p>
            <WarningCounts counts={data.counts} />
            {data.items.length === 0 ? (
              <p className="empty">{t('list.emptyUrgent', { hours })}</p>
            ) : (
              <ul className="warn-list" data-testid="early-warning-list">
                {data.items.map((d) => (
                  <li key={d.id} className={`warn-list__item warn-list__item--${d.status}`} data-status={d.status}>
                    <WarningBadge status={d.status} />
                    <div className="warn-list__main">
                      <Link to={linkTo(`/dossiers/${encodeURIComponent(d.id)}`)} className="warn-list__title">
                        {d.procedureName}
                      </Link>
                      <div className="warn-list__meta">
                        <Link to={linkTo(`/units/${encodeURIComponent(d.unit)}`)}>{d.unitName}</Link>
                        {' · '}
                        {d.holderName ?? t('list.noHolder')}
                        {' · '}
                        {t('list.dueAt')} {formatDayTime(d.dueAt)}
                        {' · '}
                        {t(`reason.${d.reason}`, { hours: f.number(d.idleWorkingHours, 1) })}
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {total > data.items.length && (
              <Link className="warn-panel__more" to={linkTo(`/units/${encodeURIComponent(pageCode)}`, { tab: 'at_risk' })}>
                {t('list.seeAll', { n: f.count(total) })}
              </Link>
            )}
            <WarningLegend rule={data.rule} open={false} />
          </>
        ) : list.error ? (
          <p className="empty">{errorText(list.error)}</p>
        ) : (
          <p role="status">{t('loading', { ns: 'common' })}</p>
        )}
      </div>
    </section>
  );
}
