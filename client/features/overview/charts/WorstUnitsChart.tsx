import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { useTranslation } from 'react-i18next';
import { LEVEL_FILL, type Level } from '../../../lib/color-scale';
import { formatMetric, type MetricKey } from '../../../lib/metrics';
import { useFormat, useLang } from '../../../i18n';
import type { UnitRow } from '../unit-rows';
import { ChartCard, TICK, asNumber } from './ChartCard';

interface WorstUnitsChartProps {
  rows: readonly UnitRow[];
  metric: MetricKey;
  onSelect: (code: string) => void;
}

interface Datum {
  code: string;
  name: string;
  value: number;
  level: Level;
}

/** The 10 worst units by the chosen metric, coloured by class; a bar opens the unit. */
export const WorstUnitsChart = memo(function WorstUnitsChart({ rows, metric, onSelect }: WorstUnitsChartProps) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const data: Datum[] = rows.map((r) => ({
    code: r.code,
    name: lang === 'en' ? r.nameEn || r.name : r.name,
    value: r.value ?? 0,
    level: r.level,
  }));

  return (
    <ChartCard id="worst" title={t('charts.worst', { metric: tc(`metric.${metric}`) })} empty={data.length === 0} error={null}>
      <ResponsiveContainer width="100%" height={Math.max(160, data.length * 24 + 30)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" horizontal={false} />
          <XAxis
            type="number"
            tick={TICK}
            domain={metric === 'onTimeRate' ? [0, 1] : [0, 'auto']}
            tickFormatter={(v: number) => (metric === 'onTimeRate' ? f.percent(v, 0) : formatMetric(metric, v, f))}
          />
          <YAxis type="category" dataKey="name" tick={TICK} width={128} interval={0} />
          <Tooltip formatter={(value) => formatMetric(metric, asNumber(value), f)} />
          <Bar
            dataKey="value"
            name={tc(`metric.${metric}`)}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(d) => {
              const code = (d.payload as Datum | undefined)?.code;
              if (code) onSelect(code);
            }}
            shape={(props: BarShapeProps) => <Rectangle {...props} fill={LEVEL_FILL[(props.payload as Datum).level]} />}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
});
