/**
 * The Index page (`/index`, Chỉ số phục vụ): the national service index of every ward and department
 * for a month, quarter or year (current and live, or closed), ranked among peers; the wards on the
 * map by grade; a unit's breakdown by indicator; the national portal's figure beside ours when imported.
 */
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ScopeKey } from '../../../shared/contract/metrics';
import type { IndexRankingResponse, IndexRow } from '../../../shared/contract/service-index';
import { useApi } from '../../api';
import { useFormat } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useViewParams } from '../../lib/url-state';
import { useConnection } from '../../realtime/connection';
import { LoadError } from '../unit/LoadError';
import { isOwnScope, useSession } from '../auth/session';
import { fetchScopeIndex } from './api';
import { Breakdown, type DrillHref } from './Breakdown';
import { indexDrillLink } from './drill';
import { GradeBadge } from './GradeBadge';
import { IndexMap } from './IndexMap';
import { PeriodSelect, usePeriodName } from './PeriodSelect';
import { RankingTable } from './RankingTable';
import { periodPatch, provincePatch, readIndexView, selectionPatch, type IndexView } from './url';
import { ProvinceLine, ProvinceRanking, provinceRow } from './NationalIndex';
import { useLiveIndex } from './use-live-index';
import '../unit/drill.css';
import './service-index.css';

export function ServiceIndexPage() {
  const { t } = useTranslation('serviceIndex');
  const [params] = useSearchParams();
  const { set } = useViewParams();
  const view = readIndexView(params);
  const { ranking, livePeriod, liveTick } = useLiveIndex(view.period, view.province);
  const conn = useConnection();
  const asked = ranking.data;
  const data = asked && asked.window.period === view.period && asked.askedProvince === view.province ? asked : null;
  const select = (code: string | null, kind: IndexView['kind'] = 'unit') => set(selectionPatch(code, kind), { replace: false });
  // A province row is not chosen for a breakdown: it drills into the province's communes.
  const selectRow = (r: IndexRow) => r.kind !== 'province' && select(r.code, r.kind);
  const drill = (province: string | null) => set(provincePatch(province), { replace: false });
  // A national pack: its provinces at country level (map and ranking), one province's communes inside it.
  const national = data?.provinces !== undefined;
  const inProvince = data ? provinceRow(data, view.province) : null;
  return (
    <div className="drill-page si-page phone-ready" data-testid="service-index-page">
      <header className="page-head">
        <h1>{t('title')}</h1>
        <p className="page-meta">{t(national ? 'introNational' : 'intro')}</p>
        <p className="page-meta si-portal-note" data-testid="si-portal-note">
          {t('portalNote')}
        </p>
      </header>
      <div className="si-toolbar">
        <PeriodSelect
          value={view.period}
          asOf={data?.asOf ?? conn.lastTick?.now ?? null}
          onChange={(p) => set(periodPatch(p), { replace: false })}
        />
        <OrderSwitch order={view.order} onChange={(o) => set({ order: o === 'rank' ? null : o })} />
        <span className={livePeriod ? 'live-dot live-on' : 'muted'} data-testid="si-live">
          {livePeriod ? t('live') : t('closed')}
        </span>
      </div>
      {ranking.error && <LoadError error={ranking.error} onRetry={ranking.reload} />}
      {data && <WindowNote data={data} />}
      {data && !inProvince && <CityLine city={data.city} national={national} onSelect={() => select('city', 'city')} />}
      {data && inProvince && <ProvinceLine row={inProvince} of={data.provinces?.length ?? 0} onUp={() => drill(null)} />}
      {data && <p className="hint">{t(`ruleNote.${data.rule}`)}</p>}
      <div className="si-main">
        <div className="si-main__map">
          {data && national && !inProvince && <IndexMap rows={data.provinces ?? []} cutoffs={data.gradeCutoffs} onSelect={drill} />}
          {data && (!national || inProvince) && (
            <IndexMap rows={data.units} cutoffs={data.gradeCutoffs} onSelect={(code) => select(code, 'unit')} />
          )}
        </div>
        <SelectedBreakdown view={view} tick={liveTick} countryLevel={national && !inProvince} onClose={() => select(null)} />
      </div>
      {data && national && !inProvince && <ProvinceRanking rows={data.provinces ?? []} order={view.order} onDrill={drill} />}
      {data && (!national || inProvince) && (
        <RankingTable
          id="si-units"
          title={inProvince ? t('communesOf', { name: inProvince.name, count: data.units.length }) : t('units')}
          rows={data.units}
          order={view.order}
          selected={view.code}
          onSelect={selectRow}
        />
      )}
      {data && data.departments.length > 0 && (
        <RankingTable
          id="si-departments"
          title={t('departments')}
          rows={data.departments}
          order={view.order}
          selected={view.code}
          onSelect={selectRow}
        />
      )}
    </div>
  );
}

/** Rank or rank by improvement: the ranking tables' order. */
function OrderSwitch({ order, onChange }: { order: IndexView['order']; onChange: (o: IndexView['order']) => void }) {
  const { t } = useTranslation('serviceIndex');
  return (
    <div className="seg" role="group" aria-label={t('sortBy')} data-testid="si-order">
      {(['rank', 'improvement'] as const).map((o) => (
        <button key={o} type="button" className="seg__btn" aria-pressed={order === o} data-order={o} onClick={() => onChange(o)}>
          {o === 'rank' ? t('sortRank') : t('sortImprovement')}
        </button>
      ))}
    </div>
  );
}

/** The period's dossiers and what the change compares with; a current period runs until now, not to its end. */
export function WindowNote({ data }: { data: IndexRankingResponse }) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const name = usePeriodName();
  return (
    <p className="page-meta" data-testid="si-window">
      {t(data.window.current ? 'windowNoteCurrent' : 'windowNote', {
        period: name(data.window.period),
        asOf: f.dateTime(data.asOf),
        from: formatDate(data.window.from),
        // The window ends at the next midnight: the last day it holds is the one before.
        to: formatDate(Date.parse(data.window.to) - 1),
        previous: name(data.previous.period),
      })}
    </p>
  );
}

function CityLine({ city, national, onSelect }: { city: IndexRow | null; national: boolean; onSelect: () => void }) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  if (city === null) return null;
  const name = national ? t('country') : t('city');
  return (
    <p className="si-city" data-testid="si-city">
      <button type="button" className="si-name" onClick={onSelect} title={t('select', { name })}>
        {name}
      </button>
      <strong className="si-big">{city.total === null ? t('noData') : f.number(city.total, 2)}</strong> <GradeBadge grade={city.grade} />{' '}
      <span className="muted">
        · {t('col.change')}: {f.signed(city.change, 2)} · {t('col.dossiers')}: {f.count(city.dossiers)}
        {city.portal && (
          <>
            {' '}
            · {t('col.portal')}: {f.number(city.portal.total, 2)} ({f.signed(city.portal.difference, 2)})
          </>
        )}
      </span>
    </p>
  );
}

/** The chosen scope's breakdown (fetched again with each live refresh), or a hint to choose one. */
function SelectedBreakdown(props: { view: IndexView; tick: number; countryLevel: boolean; onClose: () => void }) {
  const { view, tick, countryLevel, onClose } = props;
  const { t } = useTranslation('serviceIndex');
  const { code, kind, period } = view;
  const res = useApi(code ? (signal) => fetchScopeIndex(code, kind, period, signal) : null, [code, kind, period, tick]);
  const data = res.data && code && res.data.window.period === period && res.data.row.code === code ? res.data : null;
  const box = useRef<HTMLElement>(null);
  const { linkTo } = useViewParams();
  const caps = useSession().me.capabilities;
  // The counts link to the dossiers behind them where the viewer may list that scope's dossiers.
  const drillHref: DrillHref | undefined =
    data && code && caps.dossierLists && isOwnScope(caps, data.scope as ScopeKey)
      ? (indicator, side) => {
          const l = indexDrillLink(code, { indicator, side, period });
          return linkTo(l.path, l.extra);
        }
      : undefined;
  // A unit chosen in the ranking far below: bring its breakdown into view (not when it is already in view).
  useEffect(() => {
    const el = box.current;
    if (!code || !el || typeof el.scrollIntoView !== 'function') return;
    const top = el.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) el.scrollIntoView({ block: 'start' });
  }, [code]);
  return (
    <section className="block si-detail" aria-labelledby="si-detail-title" data-testid="si-detail" ref={box}>
      {code === null ? (
        <p className="hint">{t(countryLevel ? 'breakdown.hintCountry' : 'breakdown.hint')}</p>
      ) : (
        <>
          <div className="block-head si-detail__head">
            <h2 id="si-detail-title">{t('breakdown.title', { name: data?.row.name ?? (code === 'city' ? t('city') : code) })}</h2>
            <button type="button" className="btn btn--ghost si-close" onClick={onClose}>
              {t('breakdown.close')}
            </button>
          </div>
          {res.error && <LoadError error={res.error} onRetry={res.reload} />}
          {data && <Breakdown data={data} drillHref={drillHref} />}
        </>
      )}
    </section>
  );
}
