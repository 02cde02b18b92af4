/** Refused records received each Vietnam day of the period (every day shown, 0 included). */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { QuarantineCountsResponse } from '../../../../shared/contract/quarantine';
import { useFormat } from '../../../i18n';
import { formatDateTime, formatDayMonth } from '../../../lib/format';

const TICK = { fontSize: 12, fill: 'var(--text-2)' } as const;

export function DayChart({ counts }: { counts: QuarantineCountsResponse }) {
  const { t } = useTranslation('adminQuality');
  const f = useFormat();
  const data = counts.byDay.map((d) => ({ label: formatDayMonth(d.day), full: formatDateTime(d.day), total: d.total }));
  return (
    <figure className="aq-chart" aria-label={t('counts.chartLabel', { from: formatDateTime(counts.from), to: formatDateTime(counts.to) })}>
      <figcaption>{t('counts.chartTitle')}</figcaption>
      <ResponsiveContainer width="100%" height={160}>
        <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="label" tick={TICK} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={TICK} width={40} allowDecimals={false} tickFormatter={(v: number) => f.count(v)} />
          <Tooltip
            labelFormatter={(_l, payload) => (payload?.[0]?.payload as { full?: string } | undefined)?.full ?? ''}
            formatter={(v) => f.count(typeof v === 'number' ? v : Number(v))}
          />
          <Bar dataKey="total" name={t('counts.chartCount')} fill="var(--series-rate)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
