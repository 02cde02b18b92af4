/**
 * `/officials/:id`: one handling official: who and where, the period's scorecard (each figure opens
 * what is behind it), the 12-week trend, the dossiers held now against the step's allotted time, the
 * period's steps, their buck-passing cases, and the reminders and explanation requests counted for them.
 */
import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OfficialDetailResponse, OfficialScorecard } from '../../../shared/contract/officials';
import { getJson, useApi } from '../../api';
import { useFormat } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useViewParams } from '../../lib/url-state';
import { useSession } from '../auth/session';
import { formatDayTime } from '../unit/datetime';
import { LoadError } from '../unit/LoadError';
import { HoldingsTable } from './HoldingsTable';
import { OfficialCases } from './OfficialCases';
import { OfficialRequests } from './OfficialRequests';
import { OfficialTrendChart } from './OfficialTrendChart';
import { StepsTable } from './StepsTable';
import { heldOverdueLink, officialApiUrl } from './url';
import '../unit/drill.css';
import './officials.css';

export function OfficialPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('officials');
  const { period } = useViewParams();
  const res = useApi((signal) => getJson<OfficialDetailResponse>(officialApiUrl(id, period), { signal }), [id, period]);
  const data = res.data && res.data.official.id === id ? res.data : null;
  useScrollToHash(data !== null);

  let body;
  if (res.error && !data) {
    body = <LoadError error={res.error} onRetry={res.reload} message={res.error.isNotFound ? t('notFound', { id }) : undefined} />;
  } else if (!data) {
    body = <p role="status">{t('loading')}</p>;
  } else {
    body = (
      <>
        <OfficialHeader data={data} />
        <OfficialKpis id={id} name={data.official.name} card={data.scorecard} />
        <OfficialTrendChart weeks={data.weeks} />
        <HoldingsTable rows={data.holdings} officialUnit={data.official.unit} />
        <StepsTable rows={data.steps} total={data.stepsTotal} />
        <OfficialCases id={id} name={data.official.name} />
        <OfficialRequests key={`${id}|${data.window.from}`} requests={data.requests} hidden={data.requestsHidden} />
      </>
    );
  }
  return (
    <div className="drill-page official-page" data-testid="official-page" aria-busy={res.loading || undefined}>
      {body}
    </div>
  );
}

/** Once the page is drawn, scrolls to the section the link named (#holdings, #steps, #reminders). */
function useScrollToHash(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    }
  }, [ready, hash]);
}

function OfficialHeader({ data }: { data: OfficialDetailResponse }) {
  const { t } = useTranslation('officials');
  const { linkTo } = useViewParams();
  const o = data.official;
  const unitLink = linkTo(`/units/${encodeURIComponent(o.unit)}`);
  return (
    <header className="page-head">
      <p className="crumbs">
        <Link to={linkTo('/officials')}>{t('backToList')}</Link>
      </p>
      <p className="page-kicker">
        {t('columns.name')} · {t(`kind.${o.unitKind}`)}: <Link to={unitLink}>{o.unitName}</Link>
      </p>
      <h1 data-testid="official-name">{o.name}</h1>
      <p className="page-meta">
        <span>{t('period', { from: formatDate(data.window.from), to: formatDate(Date.parse(data.window.to) - 1) })}</span>
        <span>{t('asOf', { time: formatDayTime(data.asOf) })}</span>
      </p>
    </header>
  );
}

function OfficialKpis({ id, name, card }: { id: string; name: string; card: OfficialScorecard }) {
  const { t } = useTranslation('officials');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const { me } = useSession();
  const here = (hash: string, extra: Record<string, string> = {}) => `${linkTo(`/officials/${encodeURIComponent(id)}`, extra)}${hash}`;
  const list = heldOverdueLink(me.capabilities.home, { id, name });
  const kpis = [
    {
      key: 'overdueHeldNow',
      value: f.count(card.overdueHeldNow),
      alarm: card.overdueHeldNow > 0,
      to: list ? linkTo(list.path, list.extra) : here('#holdings', { holdings: 'overdue' }),
    },
    { key: 'holdingNow', value: f.count(card.holdingNow), to: here('#holdings') },
    { key: 'stepsDone', value: f.count(card.stepsDone), to: here('#steps', { steps: 'done' }) },
    {
      key: 'withinShare',
      value: f.percent(card.withinShare),
      note: t('hints.withinShare', { within: f.count(card.stepsWithin), timed: f.count(card.stepsTimed) }),
      to: here('#steps', { steps: 'done' }),
    },
    { key: 'beyondHours', value: f.number(card.beyondHours, 1), alarm: card.beyondHours > 0, to: here('#steps', { steps: 'beyond' }) },
    { key: 'beyondHoursMedian', value: f.number(card.beyondHoursMedian, 1), to: here('#steps', { steps: 'beyond' }) },
    { key: 'heldHoursMedian', value: f.number(card.heldHoursMedian, 1), to: here('#steps', { steps: 'done' }) },
    { key: 'buckPassingCases', value: f.count(card.buckPassingCases), alarm: card.buckPassingCases > 0, to: here('#cases') },
    { key: 'reminders', value: f.count(card.reminders), to: here('#reminders') },
    { key: 'explanationRequests', value: f.count(card.explanationRequests), to: here('#explanations') },
  ];
  return (
    <section className="block" aria-labelledby="official-kpi-title">
      <h2 id="official-kpi-title" className="visually-hidden">
        {t('kpi.title')} — {name}
      </h2>
      <dl className="kpi-grid" data-testid="official-kpis">
        {kpis.map((k) => (
          <div key={k.key} className={k.alarm ? 'kpi kpi-alarm' : 'kpi'} data-testid={`official-kpi-${k.key}`}>
            <dt>{t(`kpi.${k.key}`)}</dt>
            <dd>
              <Link to={k.to} className="off-kpi-link">
                {k.value}
              </Link>
            </dd>
            {k.note && <dd className="kpi__change">{k.note}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}
