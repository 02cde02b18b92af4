import { useTranslation } from 'react-i18next';
import type { Period, ScopeMetrics } from '../../../shared/contract/metrics';
import { useFormat } from '../../i18n';
import { kpiChange, type KpiChange } from './kpi';
import { KpiTile, type KpiTileProps } from './KpiTile';

interface KpiTilesProps {
  period: Period;
  city: ScopeMetrics | null;
  previous: ScopeMetrics | null;
  /** The same elapsed part of the previous period, for counts of a period still running. */
  previousToDate: ScopeMetrics | null;
  /** A replayed moment: the previous period is not computed for it, so no tile claims there was none. */
  replaying?: boolean;
}

/** Six key figures of the city for the period, each against the previous period. */
export function KpiTiles({ period, city, previous, previousToDate, replaying }: KpiTilesProps) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const against = tc(`previousPeriod.${period}`);
  // Backlog figures compare with the backlog as it stood when the previous period ended.
  const againstEnd = tc(`previousPeriodEnd.${period}`);
  // Counts of a period still running compare with the same part of the previous one ("cùng kỳ");
  // when the server no longer keeps those days (a quarter or a year ago), with all of it, and say so.
  const receivedAgainst = previousToDate
    ? { prev: previousToDate.received, vs: tc(`previousPeriodToDate.${period}`) }
    : { prev: previous?.received, vs: tc(`previousPeriodWhole.${period}`) };

  const change = (c: KpiChange | null, text: (diff: number) => string, vs = against): KpiTileProps['change'] =>
    c ? { direction: c.direction, tone: c.tone, text: text(c.diff), against: vs } : null;

  const count = (cur: number | undefined, prev: number | undefined, higherIsBetter: boolean | null, vs = against) =>
    change(kpiChange(cur, prev, higherIsBetter), (d) => f.signed(d, 0), vs);

  // Overdue counts compare with the backlog at the end of the previous period (the server reads it from
  // the store); the in-progress backlog is not kept for past instants, so it shows no change rather than a false one.
  const tiles: KpiTileProps[] = [
    {
      name: 'received',
      label: period === 'today' ? t('kpi.receivedToday') : t('kpi.received'),
      value: f.count(city?.received),
      hint: tc(`period.${period}`),
      change: count(city?.received, receivedAgainst.prev, null, receivedAgainst.vs),
    },
    {
      name: 'in-progress',
      label: t('kpi.inProgress'),
      value: f.count(city?.inProgress),
      hint: t('kpi.nowHint'),
      change: 'now',
    },
    {
      name: 'overdue',
      label: t('kpi.overdue'),
      value: f.count(city?.overdue),
      hint: t('kpi.nowHint'),
      change: count(city?.overdue, previous?.overdue, false, againstEnd),
    },
    {
      name: 'on-time-rate',
      label: t('kpi.onTimeRate'),
      value: f.percent(city?.onTimeRate ?? null),
      hint: onTimeRateHint(city, period, t),
      hintAlways: city?.onTimeRate === null,
      change: change(
        kpiChange(city?.onTimeRate, previous?.onTimeRate, true, 0.0005),
        (d) => `${f.signed(d * 100, 1)} ${t('kpi.percentPoints')}`,
      ),
    },
    {
      name: 'processing-time',
      label: t('kpi.processingTime'),
      value: f.number(city?.processingDaysMedian ?? null, 1),
      unit: t('kpi.processingTimeUnit'),
      hint: t('kpi.processingTimeHint'),
      change: change(
        kpiChange(city?.processingDaysMedian, previous?.processingDaysMedian, false, 0.05),
        (d) => `${f.signed(d, 1)} ${t('kpi.days')}`,
      ),
    },
    {
      name: 'tasks-overdue',
      label: t('kpi.tasksOverdue'),
      value: f.count(city?.tasks.openOverdue),
      hint: t('kpi.nowHint'),
      change: count(city?.tasks.openOverdue, previous?.tasks.openOverdue, false, againstEnd),
    },
  ];

  return (
    <section className="kpis" aria-label={t('kpi.sectionLabel')}>
      {tiles.map((tile) => (
        <KpiTile key={tile.name} {...tile} change={replaying && tile.change !== 'now' ? 'replay' : tile.change} />
      ))}
    </section>
  );
}

/**
 * What the on-time rate counts, in words: short periods judge what finished and what became overdue in
 * them (a day off has no rate, not 0 %); longer ones every dossier overdue now, as DVCQG does.
 */
export function onTimeRateHint(m: ScopeMetrics | null, period: Period, t: (key: string) => string): string {
  if (m && m.onTimeRate === null && (period === 'today' || period === 'week')) {
    return t(period === 'today' ? 'kpi.noneFinishedToday' : 'kpi.noneFinishedWeek');
  }
  return t(m?.onTimeRateBasis === 'new' ? 'kpi.onTimeRateHintNew' : 'kpi.onTimeRateHintBacklog');
}
