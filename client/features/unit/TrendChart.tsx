/**
 * The last 30 days (Recharts). Animation is off: the page updates live and animated redraws would
 * distract and lag behind the numbers.
 */
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { TrendPoint } from '../../../shared/contract/api';
import { useFormat } from '../../i18n';
import { formatDayMonth } from '../../lib/format';

/** One line per key: colours are CSS variables (themeable) with fallbacks of ≥ 3:1 contrast on white. */
export const TREND_SERIES = [
  { key: 'received', color: 'var(--chart-received, #1f5fa8)' },
  { key: 'finishedOnTime', color: 'var(--chart-on-time, #1b7a3a)' },
  { key: 'finishedLate', color: 'var(--chart-late, #b45309)' },
  { key: 'overdueBacklog', color: 'var(--chart-overdue, #b3261e)' },
] as const;

export interface TrendChartProps {
  trend: readonly TrendPoint[];
}

export function TrendChart({ trend }: TrendChartProps) {
  const { t } = useTranslation('unit');
  const f = useFormat();
  return (
    <section className="block" aria-labelledby="unit-trend-title">
      <h2 id="unit-trend-title">{t('trend.title')}</h2>
      {trend.length === 0 ? (
        <p className="muted">{t('trend.empty')}</p>
      ) : (
        <figure className="trend-figure">
          <figcaption className="visually-hidden">{t('trend.summary', { days: trend.length })}</figcaption>
          <LineChart
            responsive
            style={{ width: '100%', height: 'var(--trend-h, 260px)' }}
            data={[...trend]}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="var(--chart-grid, #d0d5dd)" />
            <XAxis dataKey="date" tickFormatter={(d: string) => formatDayMonth(d)} minTickGap={16} />
            {/* Every tick labelled: with one hidden (0, 2, 4, 8) the scale reads as uneven. */}
            <YAxis allowDecimals={false} interval={0} tickFormatter={(v: number) => f.count(v)} width={56} />
            <Tooltip
              labelFormatter={(d) => formatDayMonth(String(d))}
              formatter={(value) => (typeof value === 'number' ? f.count(value) : String(value))}
            />
            <Legend />
            {TREND_SERIES.map((s) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={t(`trend.${s.key}`)}
                stroke={s.color}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </figure>
      )}
    </section>
  );
}
