/** The unit's headline numbers for the period, each against the previous period; updated in place by live deltas. */
import { useTranslation } from 'react-i18next';
import type { Period, ScopeMetrics } from '../../../shared/contract/metrics';
import { useFormat } from '../../i18n';
import { ARROW, kpiChange, type KpiChange } from '../overview/kpi';

export interface KpiStripProps {
  metrics: ScopeMetrics;
  period: Period;
  /** The previous period's metrics (backlog figures as they stood at its end); null when unknown. */
  previous: ScopeMetrics | null;
  /** The same elapsed part of the previous period, for counts of a period still running. */
  previousToDate: ScopeMetrics | null;
}

interface Kpi {
  key: string;
  value: string;
  /** Drawn in the warning colour when it signals trouble. */
  alarm?: boolean;
  change?: { c: KpiChange | null; text: (diff: number) => string; against: string };
}

/** The same comparisons as the city's tiles (overview/KpiTiles): like with like, said in words. */
export function KpiStrip({ metrics: m, period, previous, previousToDate }: KpiStripProps) {
  const { t } = useTranslation('unit');
  const { t: tc } = useTranslation();
  const { t: to } = useTranslation('overview');
  const f = useFormat();
  const finished = (x: ScopeMetrics) => x.finishedEarly + x.finishedOnTime + x.finishedLate;
  const against = tc(`previousPeriod.${period}`);
  const againstEnd = tc(`previousPeriodEnd.${period}`);
  const toDate = previousToDate ?? previous;
  const toDateAgainst = tc(previousToDate ? `previousPeriodToDate.${period}` : `previousPeriodWhole.${period}`);
  const signed = (d: number) => f.signed(d, 0);
  const kpis: Kpi[] = [
    {
      key: 'received',
      value: f.count(m.received),
      change: { c: kpiChange(m.received, toDate?.received, null), text: signed, against: toDateAgainst },
    },
    { key: 'inProgress', value: f.count(m.inProgress) },
    {
      key: 'finished',
      value: f.count(finished(m)),
      change: { c: kpiChange(finished(m), toDate ? finished(toDate) : null, null), text: signed, against: toDateAgainst },
    },
    {
      key: 'overdue',
      value: f.count(m.overdue),
      alarm: m.overdue > 0,
      change: { c: kpiChange(m.overdue, previous?.overdue, false), text: signed, against: againstEnd },
    },
    { key: 'dueSoon', value: f.count(m.dueSoon) },
    { key: 'awaitingSupplement', value: f.count(m.awaitingSupplement) },
    {
      key: 'onTimeRate',
      value: f.percent(m.onTimeRate),
      change: {
        c: kpiChange(m.onTimeRate, previous?.onTimeRate, true, 0.0005),
        text: (d) => `${f.signed(d * 100, 1)} ${to('kpi.percentPoints')}`,
        against,
      },
    },
    {
      key: 'processingDaysMedian',
      value: f.number(m.processingDaysMedian, 1),
      change: { c: kpiChange(m.processingDaysMedian, previous?.processingDaysMedian, false, 0.05), text: (d) => f.signed(d, 1), against },
    },
    { key: 'apologies', value: f.count(m.apologies), alarm: m.apologies > 0 },
    {
      key: 'tasksOverdue',
      value: f.count(m.tasks.openOverdue),
      alarm: m.tasks.openOverdue > 0,
      change: { c: kpiChange(m.tasks.openOverdue, previous?.tasks.openOverdue, false), text: signed, against: againstEnd },
    },
  ];
  return (
    <section className="block" aria-labelledby="unit-kpi-title">
      <h2 id="unit-kpi-title" className="visually-hidden">
        {t('kpi.title')}
      </h2>
      <dl className="kpi-grid" data-testid="unit-kpis">
        {kpis.map((k) => (
          <div key={k.key} className={k.alarm ? 'kpi kpi-alarm' : 'kpi'} data-testid={`kpi-${k.key}`}>
            <dt>{t(`kpi.${k.key}`)}</dt>
            <dd>{k.value}</dd>
            {k.change?.c && (
              <dd className={`kpi__change kpi__change--${k.change.c.tone}`} data-testid={`kpi-${k.key}-change`} data-tone={k.change.c.tone}>
                <span aria-hidden="true">{ARROW[k.change.c.direction]}</span> {k.change.text(k.change.c.diff)} {k.change.against}
              </dd>
            )}
          </div>
        ))}
      </dl>
    </section>
  );
}
