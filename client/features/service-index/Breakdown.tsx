/**
 * One scope's index by indicator: a bar per indicator against its maximum, its numerator and
 * denominator, "không áp dụng / chưa có dữ liệu" with the reason, and group subtotals that add up,
 * line by line, to the total (what the `full` rule grants, or how `scaled` rescales, is shown).
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IndexDrillSide } from '../../../shared/contract/index-drill';
import type { IndicatorId, IndicatorResult, ScopeIndexResponse } from '../../../shared/contract/service-index';
import { useFormat } from '../../i18n';
import { GradeBadge } from './GradeBadge';
import { breakdownOf, type Breakdown as BreakdownModel, type BreakdownGroup } from './index-model';
import { PortalCompare } from './PortalCompare';

/** The link to the dossiers behind one side of an indicator (drill.ts), or none. */
export type DrillHref = (indicator: IndicatorId, side: IndexDrillSide) => string;

/** `drillHref`: when given, each computable indicator's counts link to the dossiers behind them. */
export function Breakdown({ data, drillHref }: { data: ScopeIndexResponse; drillHref?: DrillHref }) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const b = breakdownOf(data.index);
  return (
    <div className="si-breakdown" data-testid="si-breakdown" data-scope={data.scope}>
      <p className="si-breakdown__head">
        <strong className="si-big" data-testid="si-breakdown-total" data-value={data.index.total}>
          {f.number(data.index.total, 2)}
        </strong>{' '}
        / 100 <GradeBadge grade={data.index.grade} />
        {data.previous && <span className="muted"> · {t('breakdown.previous', { total: f.number(data.previous.total, 2) })}</span>}
      </p>
      {b.groups.map((g) => (
        <GroupBlock key={g.group} g={g} rule={data.index.rule} drillHref={drillHref} />
      ))}
      <SumLines b={b} rule={data.index.rule} />
      <PortalCompare row={data.row} limit={data.portalDifferenceLimit} />
    </div>
  );
}

function GroupBlock({ g, rule, drillHref }: { g: BreakdownGroup; rule: 'full' | 'scaled'; drillHref?: DrillHref }) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  return (
    <section className="si-group" data-testid={`si-group-${g.group}`} aria-labelledby={`si-group-${g.group}`}>
      <h3 id={`si-group-${g.group}`}>
        {t(`groupName.${g.group}`)} <span className="muted">({t('breakdown.groupMax', { max: f.number(g.max, 2) })})</span>
      </h3>
      <ul className="si-indicators">
        {g.indicators.map((i) => (
          <IndicatorLine key={i.id} i={i} drillHref={drillHref} />
        ))}
      </ul>
      <p className="si-subtotal" data-testid={`si-subtotal-${g.group}`} data-value={g.subtotal}>
        {t('breakdown.subtotal')}:{' '}
        <strong>{t('breakdown.points', { points: f.number(g.subtotal, 2), max: f.number(g.subtotalMax, 2) })}</strong>
        {rule === 'full' && g.grantedPoints > 0 && (
          <span className="muted"> ({t('breakdown.granted', { points: f.number(g.grantedPoints, 2) })})</span>
        )}
      </p>
    </section>
  );
}

function IndicatorLine({ i, drillHref }: { i: IndicatorResult; drillHref?: DrillHref }) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const share = i.points !== null && i.max > 0 ? Math.min(1, i.points / i.max) : 0;
  return (
    <li className={`si-ind${i.applicable ? '' : ' si-ind--na'}`} data-testid={`si-ind-${i.id}`} data-applicable={i.applicable}>
      <div className="si-ind__top">
        <span className="si-ind__name">{t(`indicator.${i.id}`)}</span>
        <span className="si-ind__points" data-value={i.points ?? ''}>
          {i.applicable ? t('breakdown.points', { points: f.number(i.points, 2), max: f.number(i.max, 2) }) : `— / ${f.number(i.max, 2)}`}
        </span>
      </div>
      {i.applicable ? (
        <>
          <div
            className="si-bar"
            role="meter"
            aria-valuemin={0}
            aria-valuemax={i.max}
            aria-valuenow={i.points ?? 0}
            aria-label={t(`indicator.${i.id}`)}
          >
            <span className="si-bar__fill" style={{ width: `${share * 100}%` }} />
          </div>
          <p className="si-ind__counts muted">
            {drillHref ? (
              <>
                <CountLink i={i} side="numerator" href={drillHref(i.id, 'numerator')} /> /{' '}
                <CountLink i={i} side="denominator" href={drillHref(i.id, 'denominator')} /> {t('breakdown.dossierWord')}
              </>
            ) : (
              t('breakdown.counts', { num: f.count(i.numerator), den: f.count(i.denominator) })
            )}{' '}
            · {t('breakdown.ratio', { ratio: f.percent(i.ratio) })}
            {i.threshold < 1 && <> · {t('breakdown.threshold', { threshold: f.percent(i.threshold, 0) })}</>}
          </p>
        </>
      ) : (
        <p className="si-ind__na" data-testid={`si-na-${i.id}`}>
          <strong>{t('breakdown.notApplicable')}</strong>
          {i.reason && <>: {t(`breakdown.reason.${i.reason}`)}</>}
          {i.reason === 'no_data' && i.denominator !== null && (
            <> ({t('breakdown.counts', { num: f.count(i.numerator), den: f.count(i.denominator) })})</>
          )}
        </p>
      )}
    </li>
  );
}

/** One count of an indicator as a link to the dossiers it counts. */
function CountLink({ i, side, href }: { i: IndicatorResult; side: IndexDrillSide; href: string }) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const n = i[side] ?? 0;
  const label = t(side === 'numerator' ? 'breakdown.linkNumerator' : 'breakdown.linkDenominator', { count: n });
  return (
    <Link
      className={`si-count-link si-count-link--${side}`}
      to={href}
      data-testid={`si-drill-${i.id}-${side}`}
      data-value={n}
      aria-label={label}
      title={label}
    >
      {f.count(n)}
    </Link>
  );
}

/** The sum written out: the group subtotals added up to the total (under `scaled`, then scaled to 100). */
function SumLines({ b, rule }: { b: BreakdownModel; rule: 'full' | 'scaled' }) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const terms = b.groups.map((g, i) => (
    <span key={g.group}>
      {i > 0 && ' + '}
      <span data-testid="si-sum-term" data-value={g.subtotal} title={t(`groupName.${g.group}`)}>
        {f.number(g.subtotal, 2)}
      </span>
    </span>
  ));
  const total = (
    <strong data-testid="si-sum-total" data-value={b.total}>
      {f.number(b.total, 2)}
    </strong>
  );
  return (
    <div className="si-sum" data-testid="si-sum" data-rule={rule}>
      <p>
        <span className="si-sum__label">{t('breakdown.sumTotal')}</span> = {terms} ={' '}
        {rule === 'full' ? total : <span data-testid="si-sum-computed">{f.number(b.sumOfSubtotals, 2)}</span>}
      </p>
      {rule === 'scaled' && (
        <p>
          {t('breakdown.sumScaled', { points: f.number(b.computedPoints, 2), max: f.number(b.computedMax, 2) })} = {total}
        </p>
      )}
    </div>
  );
}
