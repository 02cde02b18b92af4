/** The ten worst units by the wall's metric, one large row each with a bar. */
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, useLang } from '../../../i18n';
import { thresholdsFor } from '../../../lib/color-scale';
import { WALL_LEVEL_FILL } from '../wall-colors';
import { formatMetric, metricValue } from '../../../lib/metrics';
import { useSettings } from '../../../lib/settings';
import { buildRows, worstRows } from '../../overview/unit-rows';
import type { SceneData } from './scene-data';

export const RANKING_SIZE = 10;

export const RankingScene = memo(function RankingScene(p: Pick<SceneData, 'units' | 'metrics' | 'metric'>) {
  const { t } = useTranslation('wall');
  const f = useFormat();
  const lang = useLang();
  const settings = useSettings();
  const { units, metrics, metric } = p;
  const rows = useMemo(() => {
    const of = (code: string) => metrics[`unit:${code}`];
    const th = thresholdsFor(
      metric,
      units.map((u) => metricValue(of(u.code), metric)),
      settings.onTimeThresholds,
      settings.countQuantiles,
    );
    return worstRows(buildRows(units, of, metric, th), metric, RANKING_SIZE);
  }, [units, metrics, metric, settings.onTimeThresholds, settings.countQuantiles]);
  const fullName = useMemo(() => new Map(units.map((u) => [u.code, lang === 'en' ? u.nameEn || u.name : u.fullName])), [units, lang]);
  const max = Math.max(1e-9, ...rows.map((r) => r.value ?? 0));

  return (
    <div className="wall-ranking" data-testid="wall-scene-ranking">
      <h2 className="wall-scene-title">{t(`ranking.title.${metric}`)}</h2>
      {rows.length === 0 ? (
        <p className="wall-empty">{t('ranking.empty')}</p>
      ) : (
        <ol className="wall-rank">
          {rows.map((r, i) => {
            const share = metric === 'onTimeRate' ? (r.value ?? 0) : (r.value ?? 0) / max;
            return (
              <li key={r.code} className="wall-rank__row" data-testid={`wall-rank-${r.code}`}>
                <span className="wall-rank__pos">{i + 1}</span>
                <span className="wall-rank__name">{fullName.get(r.code) ?? r.name}</span>
                <span className="wall-rank__bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(2, share * 100)}%`, background: WALL_LEVEL_FILL[r.level] }} />
                </span>
                <span className="wall-rank__value">{formatMetric(metric, r.value, f, true)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
});
