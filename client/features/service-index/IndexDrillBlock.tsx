/**
 * The unit page's list of the dossiers behind one service index count (opened from the Index page's
 * breakdown): what it shows in the officials' words (side, indicator, period), how many, and the way
 * back to the work lists.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DossierList } from '../unit/DossierList';
import { useFormat } from '../../i18n';
import type { IndexDrillView } from './drill';
import { usePeriodName } from './PeriodSelect';

export interface IndexDrillBlockProps {
  code: string;
  drill: IndexDrillView;
  onClose: () => void;
}

export function IndexDrillBlock({ code, drill, onClose }: IndexDrillBlockProps) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const periodName = usePeriodName();
  const box = useRef<HTMLElement>(null);
  // Opened from a count on another page: the list, far below the unit's figures, is what was asked for.
  useEffect(() => {
    const el = box.current;
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'start' });
  }, [drill.indicator, drill.side, drill.period]);
  const caption = t(`drill.${drill.side}`, { indicator: t(`indicator.${drill.indicator}`), period: periodName(drill.period) });
  return (
    <section className="block si-drill" aria-labelledby="si-drill-title" data-testid="index-drill" ref={box}>
      <div className="block-head">
        <h2 id="si-drill-title">{caption}</h2>
        <button type="button" className="btn btn--ghost" onClick={onClose} data-testid="index-drill-close">
          {t('drill.close')}
        </button>
      </div>
      <DossierList
        key={`${drill.indicator}-${drill.side}-${drill.period}-${code}`}
        code={code}
        status="overdue"
        drill={{ view: drill, caption, totalText: (n) => t('drill.total', { count: f.count(n) }) }}
      />
    </section>
  );
}
