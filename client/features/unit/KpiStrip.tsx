/** The unit's headline numbers for the period; updated in place by live deltas. */
import { useTranslation } from 'react-i18next';
import type { ScopeMetrics } from '../../../server/metrics/types';
import { useFormat } from '../../i18n';

export interface KpiStripProps {
  metrics: ScopeMetrics;
}

interface Kpi {
  key: string;
  value: string;
  /** Drawn in the warning colour when it signals trouble. */
  alarm?: boolean;
}

export function KpiStrip({ metrics: m }: KpiStripProps) {
  const { t } = useTranslation('unit');
  const f = useFormat();
  const finished = m.finishedEarly + m.finishedOnTime + m.finishedLate;
  const kpis: Kpi[] = [
    { key: 'received', value: f.count(m.received) },
    { key: 'inProgress', value: f.count(m.inProgress) },
    { key: 'finished', value: f.count(finished) },
    { key: 'overdue', value: f.count(m.overdue), alarm: m.overdue > 0 },
    { key: 'dueSoon', value: f.count(m.dueSoon) },
    { key: 'awaitingSupplement', value: f.count(m.awaitingSupplement) },
    { key: 'onTimeRate', value: f.percent(m.onTimeRate) },
    { key: 'processingDaysMedian', value: f.number(m.processingDaysMedian, 1) },
    { key: 'apologies', value: f.count(m.apologies), alarm: m.apologies > 0 },
    { key: 'tasksOverdue', value: f.count(m.tasks.openOverdue), alarm: m.tasks.openOverdue > 0 },
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
          </div>
        ))}
      </dl>
    </section>
  );
}
