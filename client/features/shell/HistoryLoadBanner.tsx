import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n';
import type { HistoryLoadState } from '../../../shared/contract/history-load';

/**
 * "Đang nạp lịch sử — số liệu đang được cập nhật": a source's past is being imported (or its events
 * are still being folded in), so today's and this month's figures are still moving towards their
 * value. The server says when (GET /health, clock ticks, `history-load:changed`); this only says it,
 * with the source and how far it is. `wall`: the wall's footer line, larger and without the bar.
 */
export function HistoryLoadBanner({ load, variant = 'page' }: { load: HistoryLoadState | null; variant?: 'page' | 'wall' }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!load) return null;
  const detail = [
    t('historyLoad.sources', { names: load.sources.join(', ') }),
    t('historyLoad.received', { n: f.count(load.eventsReceived) }),
    load.phase === 'catching_up' || load.eventsToProject > 0
      ? t('historyLoad.projected', { percent: load.projectedPercent, left: f.count(load.eventsToProject) })
      : null,
  ]
    .filter((s) => s !== null)
    .join(' · ');
  const wall = variant === 'wall';
  return (
    <div
      className={wall ? 'wall-history' : 'banner banner--info history-banner'}
      role="status"
      data-testid="history-load-banner"
      data-phase={load.phase}
    >
      <span className={wall ? 'wall-history__title' : 'banner__text history-banner__title'}>
        <span aria-hidden="true">⟳</span> {t('historyLoad.title')}
      </span>{' '}
      <span className={wall ? 'wall-history__detail' : 'history-banner__detail'} data-testid="history-load-detail">
        {detail}
      </span>
      {!wall && <progress className="history-banner__bar" max={100} value={load.projectedPercent} aria-label={t('historyLoad.barLabel')} />}
    </div>
  );
}
