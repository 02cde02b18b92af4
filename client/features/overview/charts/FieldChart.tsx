import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { BreakdownRow } from '../../../../shared/contract/api';
import { useFormat } from '../../../i18n';
import { ChartCard, TICK, asNumber } from './ChartCard';
import { compareVi } from '../../../lib/collate';

interface FieldChartProps {
  byField: readonly BreakdownRow[];
  loading: boolean;
  error: string | null;
}

/** Fields with the most overdue dossiers now (top 10). */
export const FieldChart = memo(function FieldChart({ byField, loading, error }: FieldChartProps) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const data = [...byField]
    .filter((r) => r.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || compareVi(a.label, b.label))
    .slice(0, 10)
    .map((r) => ({ label: r.label, overdue: r.overdue }));

  return (
    <ChartCard id="by-field" title={t('charts.byField')} empty={data.length === 0} loading={loading} error={error}>
      <ResponsiveContainer width="100%" height={Math.max(160, data.length * 24 + 30)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" horizontal={false} />
          <XAxis type="number" tick={TICK} allowDecimals={false} tickFormatter={(v: number) => f.count(v)} />
          <YAxis type="category" dataKey="label" tick={TICK} width={150} interval={0} />
          <Tooltip formatter={(value) => f.count(asNumber(value))} />
          <Bar dataKey="overdue" name={tc('terms.overdue')} fill="var(--series-backlog)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
});
