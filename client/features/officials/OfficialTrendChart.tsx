/**
 * An official's last 12 working weeks (Recharts): steps finished each week with the share within
 * their allotted time, and the hours held beyond it. Two small charts, side by side where there is
 * room; animation off, as on the unit page.
 */
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { OfficialWeek } from '../../../shared/contract/officials';
import { useFormat } from '../../i18n';
import { formatDayMonth } from '../../lib/format';

const COLORS = {
  steps: 'var(--chart-received, #1f5fa8)',
  within: 'var(--chart-on-time, #1b7a3a)',
  beyond: 'var(--chart-overdue, #b3261e)',
};

export function OfficialTrendChart({ weeks }: { weeks: readonly OfficialWeek[] }) {
  const { t } = useTranslation('officials');
  const f = useFormat();
  const data = weeks.map((w) => ({ ...w, withinPct: w.withinShare === null ? null : w.withinShare * 100 }));
  const tick = (d: string) => formatDayMonth(d);
  const label = (d: unknown) => t('trend.week', { date: formatDayMonth(String(d)) });
  return (
    <section className="block" aria-labelledby="official-trend-title" data-testid="official-trend">
      <h2 id="official-trend-title">{t('trend.title')}</h2>
      <p className="visually-hidden">{t('trend.summary')}</p>
      <div className="off-charts">
        <figure className="off-chart">
          <figcaption>{t('trend.steps')}</figcaption>
          <ComposedChart responsive style={{ width: '100%', height: 220 }} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--chart-grid, #d0d5dd)" />
            <XAxis dataKey="weekStart" tickFormatter={tick} minTickGap={12} />
            <YAxis yAxisId="n" allowDecimals={false} width={40} tickFormatter={(v: number) => f.count(v)} />
            <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} width={44} tickFormatter={(v: number) => `${v}%`} />
            <Tooltip
              labelFormatter={label}
              formatter={(value, name) =>
                typeof value !== 'number' ? '—' : name === t('trend.withinShare') ? f.percent(value / 100) : f.count(value)
              }
            />
            <Legend />
            <Bar yAxisId="n" dataKey="stepsDone" name={t('trend.stepsDone')} fill={COLORS.steps} isAnimationActive={false} />
            <Line
              yAxisId="pct"
              dataKey="withinPct"
              name={t('trend.withinShare')}
              stroke={COLORS.within}
              strokeWidth={2}
              connectNulls={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </figure>
        <figure className="off-chart">
          <figcaption>{t('trend.hours')}</figcaption>
          <BarChart responsive style={{ width: '100%', height: 220 }} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--chart-grid, #d0d5dd)" />
            <XAxis dataKey="weekStart" tickFormatter={tick} minTickGap={12} />
            <YAxis width={44} tickFormatter={(v: number) => f.number(v, 0)} />
            <Tooltip labelFormatter={label} formatter={(value) => (typeof value === 'number' ? f.number(value, 1) : '—')} />
            <Legend />
            <Bar dataKey="beyondHours" name={t('trend.beyondHours')} fill={COLORS.beyond} isAnimationActive={false} />
          </BarChart>
        </figure>
      </div>
    </section>
  );
}
