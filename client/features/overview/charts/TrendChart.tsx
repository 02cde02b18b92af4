import { memo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { TrendPoint } from '../../../../shared/contract/api';
import { useFormat } from '../../../i18n';
import { formatDayMonth } from '../../../lib/format';
import { ChartCard, TICK, asNumber } from './ChartCard';

interface TrendChartProps {
  trend: readonly TrendPoint[];
  loading: boolean;
  error: string | null;
}

/** On-time rate (line, left axis) and end-of-day overdue backlog (bars, right axis), 30 days. */
export const TrendChart = memo(function TrendChart({ trend, loading, error }: TrendChartProps) {
  const { t } = useTranslation('overview');
  const f = useFormat();
  const data = trend.map((p) => ({
    day: formatDayMonth(p.date),
    onTimeRate: p.onTimeRate,
    overdueBacklog: p.overdueBacklog,
  }));
  const rates = trend.map((p) => p.onTimeRate).filter((r): r is number => r != null);
  const minRate = rates.length ? Math.max(0, Math.floor((Math.min(...rates) - 0.02) * 20) / 20) : 0;

  return (
    <ChartCard id="trend" title={t('charts.trend')} empty={data.length === 0} loading={loading} error={error}>
      <ResponsiveContainer width="100%" height={230}>
        <ComposedChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="day" tick={TICK} minTickGap={18} />
          <YAxis yAxisId="rate" domain={[minRate, 1]} tick={TICK} width={52} tickFormatter={(v: number) => f.percent(v, 0)} />
          <YAxis
            yAxisId="count"
            orientation="right"
            tick={TICK}
            width={52}
            allowDecimals={false}
            tickFormatter={(v: number) => f.count(v)}
          />
          <Tooltip
            formatter={(value, _name, item) => (item.dataKey === 'onTimeRate' ? f.percent(asNumber(value)) : f.count(asNumber(value)))}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar
            yAxisId="count"
            dataKey="overdueBacklog"
            name={t('charts.trendBacklog')}
            fill="var(--series-backlog)"
            fillOpacity={0.45}
            isAnimationActive={false}
          />
          <Line
            yAxisId="rate"
            dataKey="onTimeRate"
            name={t('charts.trendOnTime')}
            stroke="var(--series-rate)"
            strokeWidth={2.5}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
});
