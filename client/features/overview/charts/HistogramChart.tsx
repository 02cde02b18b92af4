import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { UnitDetailResponse } from '../../../../shared/contract/api';
import { useFormat } from '../../../i18n';
import { ChartCard, TICK, asNumber } from './ChartCard';

interface HistogramChartProps {
  bins: UnitDetailResponse['processingHistogram'];
  loading: boolean;
  error: string | null;
}

/** How many dossiers finished in the period took 0–1, 1–2, … working days. */
export const HistogramChart = memo(function HistogramChart({ bins, loading, error }: HistogramChartProps) {
  const { t } = useTranslation('overview');
  const f = useFormat();
  const data = bins.map((b) => ({
    label: Number.isFinite(b.toDays) ? `${f.number(b.fromDays, 1)}–${f.number(b.toDays, 1)}` : `>${f.number(b.fromDays, 1)}`,
    full: Number.isFinite(b.toDays)
      ? t('charts.days', { from: f.number(b.fromDays, 1), to: f.number(b.toDays, 1) })
      : t('charts.daysOver', { from: f.number(b.fromDays, 1) }),
    count: b.count,
  }));
  const empty = data.every((d) => d.count === 0);

  return (
    <ChartCard id="histogram" title={t('charts.histogram')} empty={empty} loading={loading} error={error}>
      <ResponsiveContainer width="100%" height={230}>
        <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="label" tick={TICK} interval="preserveStartEnd" />
          <YAxis tick={TICK} width={52} allowDecimals={false} tickFormatter={(v: number) => f.count(v)} />
          <Tooltip
            labelFormatter={(_label, payload) => (payload?.[0]?.payload as { full?: string } | undefined)?.full ?? ''}
            formatter={(value) => f.count(asNumber(value))}
          />
          <Bar dataKey="count" name={t('charts.histogramCount')} fill="var(--series-rate)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
});
