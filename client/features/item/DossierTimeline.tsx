/** The dossier's timeline strip (holds against due dates) and its accessible event list. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierDetailResponse, HoldView } from '../../../shared/contract/api';
import { useFormat } from '../../i18n';
import type { TimeBar } from './timeline-geometry';
import { dossierTimelineModel, holdBarId } from './timeline-model';
import { TimelineList, type TimelineExtra } from './TimelineList';
import { TimelineStrip } from './TimelineStrip';
import type { BarText } from './TimelineStrip';

export interface DossierTimelineProps {
  dossier: DossierDetailResponse;
  /** The clock (epoch ms); open holds and pauses run up to it. */
  now: number;
  /** Entries besides the events (reminders, explanation requests and answers), each at its instant. */
  extra?: readonly TimelineExtra[];
  /** The buck-passing case whose cycle is highlighted (its id), if any. */
  selectedCase?: string | null;
  /** A replayed moment (`?at=`), marked on the strip. */
  at?: number | null;
}

export function DossierTimeline({ dossier, now, extra, selectedCase = null, at = null }: DossierTimelineProps) {
  const { t } = useTranslation('item');
  const f = useFormat();
  const model = useMemo(() => dossierTimelineModel(dossier, now, selectedCase, at), [dossier, now, selectedCase, at]);
  const holdsById = useMemo(() => {
    const map = new Map<string, HoldView>();
    dossier.holds.forEach((h, i) => map.set(holdBarId(i), h));
    return map;
  }, [dossier.holds]);

  const barText = (bar: TimeBar): BarText => {
    const hold = holdsById.get(bar.id);
    if (!hold) return { label: '', title: bar.laneLabel };
    const held = f.number(hold.heldDays, 1);
    if (hold.allottedDays === null) {
      return { label: t('timeline.held', { held }), title: t('timeline.barTitleNoAllot', { name: hold.handlerName, held }) };
    }
    const allotted = f.number(hold.allottedDays, 1);
    return {
      label: t('timeline.heldOfAllotted', { held, allotted }),
      title: t('timeline.barTitle', { name: hold.handlerName, held, allotted }),
    };
  };

  return (
    <div className="dossier-timeline" data-testid="dossier-timeline">
      <TimelineStrip model={model} label={t('timeline.chartLabel', { id: dossier.id })} barText={barText} />
      <h3>{t('timeline.listTitle')}</h3>
      <TimelineList entries={dossier.timeline} extra={extra} />
    </div>
  );
}
