/**
 * Drill-down page of one ward/commune, one department, or the city (`/units/:code`): headline
 * numbers (live), 30-day trend, the work lists (overdue, due soon, awaiting supplement, overdue
 * tasks), and breakdowns by field, procedure and handling official. A province's page
 * (`/units/province:<code>`) also ranks its communes; it has no requests or buck-passing panel (requests go
 * to a commune, buck-passing cases are kept by unit).
 */
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UnitDetailResponse } from '../../../shared/contract/api';
import type { ScopeMetrics } from '../../../shared/contract/metrics';
import { fetchUnitDetail, useApi } from '../../api';
import { useScopeSubscription } from '../../realtime';
import { useViewParams } from '../../lib/url-state';
import { BreakdownTable } from './BreakdownTable';
import { KpiStrip } from './KpiStrip';
import { LoadError } from './LoadError';
import { OfficialsTable } from './OfficialsTable';
import { TrendChart } from './TrendChart';
import { UnitHeader } from './UnitHeader';
import { WorkLists } from './WorkLists';
import { AccessRefused } from './LoadError';
import { UnitRequestsPanel } from '../requests/UnitRequestsPanel';
import { BuckPassingSection } from '../buck-passing/BuckPassingSection';
import { isOwnScope, useSession } from '../auth/session';
import { readTab } from './url-view';
import type { UnitTab } from './url-view';
import { useThrottled } from './use-throttled';
import { ProvinceCommunes } from './ProvinceCommunes';
import { ForecastLine } from '../early-warning/ForecastLine';
import { TimeBar } from '../replay/TimeBar';
import { UnitReplayBody } from '../replay/UnitReplayBody';
import { useSignedInReplay } from '../replay/useSignedInReplay';
import './drill.css';

/** Lists reload on live changes at most this often. */
export const LIST_REFRESH_MIN_MS = 15_000;
/** The detail (its forecast, trend and breakdowns are not pushed live) is read again this often. */
export const DETAIL_REFRESH_MS = 60_000;

/** The live count that the open tab's list follows. */
function tabCount(m: ScopeMetrics | null, tab: UnitTab): number | null {
  if (!m) return null;
  switch (tab) {
    case 'overdue':
      return m.overdue;
    case 'due_soon':
    case 'at_risk':
      return m.dueSoon;
    case 'awaiting_supplement':
      return m.awaitingSupplement;
    case 'tasks':
      return m.tasks.openOverdue;
  }
}

/** Whether a detail answer belongs to `code` (the previous unit's data stays in memory while the next loads). */
export function detailMatches(detail: UnitDetailResponse, code: string): boolean {
  if (code === 'city' || code.startsWith('province:')) return detail.scope === code;
  return detail.unit?.code === code || detail.department?.code === code || detail.scope.endsWith(`:${code}`);
}

export function UnitPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation('unit');
  const view = useViewParams();
  const { period, searchParams } = view;
  // `?at=`: the page as it stood then (issue 16), not live, for signed-in users.
  const replaying = useSignedInReplay(view);
  const { replay } = replaying;
  const detail = useApi((signal) => fetchUnitDetail(code, period, { signal, replay: replaying.query }), [code, period, replaying.key]);
  // The forecast in the detail moves with time and events (the figures come live): read it again every minute.
  const reloadDetail = detail.reload;
  useEffect(() => {
    if (replay) return;
    const id = window.setInterval(reloadDetail, DETAIL_REFRESH_MS);
    return () => window.clearInterval(id);
  }, [reloadDetail, replay]);
  const data =
    detail.data && detailMatches(detail.data, code) && (detail.data.replay !== undefined) === (replay !== null) ? detail.data : null;
  const scope = data?.scope ?? null;
  const live = useScopeSubscription(replay ? null : scope, period);
  const liveMetrics = scope && live.state.scope === scope && live.state.period === period ? (live.state.metrics[scope] ?? null) : null;
  const metrics = liveMetrics ?? data?.metrics ?? null;

  const session = useSession();
  const caps = session.me.capabilities;
  // Another unit's page (open to everyone's figures while the public view is on): figures only.
  const own = isOwnScope(caps, scope, data?.unit?.province);
  const tab = readTab(searchParams);
  const refreshToken = useThrottled(liveMetrics ? tabCount(liveMetrics, tab) : null, LIST_REFRESH_MIN_MS);

  let body;
  if (detail.error && !data) {
    body = (
      <LoadError error={detail.error} onRetry={detail.reload} message={detail.error.isNotFound ? t('notFound', { code }) : undefined} />
    );
  } else if (!data || !metrics) {
    body = <p role="status">{t('loading')}</p>;
  } else if (replay && replaying.query) {
    body = (
      <UnitReplayBody
        detail={data}
        code={code}
        period={period}
        replay={replay}
        query={replaying.query}
        lists={session.loaded && caps.dossierLists && own}
      />
    );
  } else {
    body = (
      <>
        <UnitHeader detail={data} asOf={(liveMetrics && live.state.asOf) || data.asOf} live={scope ? live.status : null} />
        {replaying.signedIn && <TimeBar replay={null} answer={detail} onChange={replaying.setReplay} />}
        {detail.error && <LoadError error={detail.error} onRetry={detail.reload} />}
        <KpiStrip metrics={metrics} period={period} previous={data.previous ?? null} previousToDate={data.previousToDate ?? null} />
        <ForecastLine forecast={data.forecast?.scope} horizons={data.forecast?.horizons} period={period} rateNow={metrics.onTimeRate} />
        <TrendChart trend={data.trend} />
        {data.province && <ProvinceCommunes province={data.province} period={period} />}
        {!session.loaded ? null : caps.dossierLists && own ? (
          <WorkLists code={code} scope={data.scope} refreshToken={refreshToken} tasks={caps.taskLists} />
        ) : (
          <section className="block" data-testid="unit-lists-refused">
            <p className="muted">{session.me.user ? null : t('listsNeedLogin', { ns: 'auth' })}</p>
            <AccessRefused loginRequired={!session.me.user} />
          </section>
        )}
        {session.loaded && own && caps.readReminders && code !== 'city' && !data.province && <UnitRequestsPanel code={code} />}
        <BreakdownTable kind="field" code={code} rows={data.byField} />
        <BreakdownTable kind="procedure" code={code} rows={data.byProcedure} />
        {caps.officials && own && <OfficialsTable code={code} rows={data.byOfficial} department={data.department !== null} />}
        {!data.province && <BuckPassingSection code={code} />}
      </>
    );
  }

  return (
    <div
      className={replay ? 'drill-page unit-page unit-page--replay' : 'drill-page unit-page'}
      data-testid="unit-page"
      aria-busy={detail.loading || undefined}
    >
      {replay && <TimeBar replay={replay} answer={detail} onChange={replaying.setReplay} />}
      {body}
    </div>
  );
}
