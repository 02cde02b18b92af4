/** The scope's key figures in very large type, each with its trend since the wall started. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n';
import { hourMinute } from '../freshness';
import type { TrendSample } from '../hooks';
import { Sparkline } from './Sparkline';
import type { SceneData } from './scene-data';

type TrendKey = Exclude<keyof TrendSample, 'at'>;

export const KpiScene = memo(function KpiScene(p: Pick<SceneData, 'scope' | 'scopeName' | 'metrics' | 'trend' | 'period'>) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const m = p.metrics[p.scope];
  const periodName = p.period === 'live' ? t('kpi.periodLive') : tc(`period.${p.period}`);
  const tiles: { key: TrendKey; label: string; value: string; hint: string; tone?: 'bad' }[] = [
    { key: 'overdue', label: t('kpi.overdue'), value: f.count(m?.overdue), hint: t('kpi.now'), tone: 'bad' },
    { key: 'dueSoon', label: t('kpi.dueSoon'), value: f.count(m?.dueSoon), hint: t('kpi.now') },
    { key: 'inProgress', label: t('kpi.inProgress'), value: f.count(m?.inProgress), hint: t('kpi.now') },
    { key: 'onTimeRate', label: t('kpi.onTimeRate'), value: f.percent(m?.onTimeRate ?? null), hint: periodName },
    { key: 'received', label: t('kpi.received'), value: f.count(m?.received), hint: periodName },
    { key: 'tasksOverdue', label: t('kpi.tasksOverdue'), value: f.count(m?.tasks.openOverdue), hint: t('kpi.now'), tone: 'bad' },
  ];
  const since = p.trend.length > 1 ? hourMinute(new Date(p.trend[0].at).toISOString()) : null;
  return (
    <div className="wall-kpi" data-testid="wall-scene-kpi">
      <h2 className="wall-scene-title">{p.scopeName}</h2>
      <div className="wall-kpi__grid">
        {tiles.map((tile) => (
          <div
            key={tile.key}
            className={`wall-kpi__tile${tile.tone ? ` wall-kpi__tile--${tile.tone}` : ''}`}
            data-testid={`wall-kpi-${tile.key}`}
          >
            <div className="wall-kpi__label">{tile.label}</div>
            <div className="wall-kpi__value wall-number" data-testid={`wall-kpi-${tile.key}-value`}>
              {tile.value}
            </div>
            <div className="wall-kpi__hint">{tile.hint}</div>
            <Sparkline values={p.trend.map((s) => s[tile.key])} label={since ? t('kpi.trendSince', { time: since }) : ''} />
            {since && <div className="wall-kpi__since">{t('kpi.trendSince', { time: since })}</div>}
          </div>
        ))}
      </div>
    </div>
  );
});
