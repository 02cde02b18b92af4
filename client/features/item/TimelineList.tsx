/** The timeline as an ordered list: the accessible, printable twin of the strip. */
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../server/http/api-types';
import { formatDayTime } from '../unit/datetime';
import { describeEntryData, eventTypeLabel } from './timeline-entry';
import type { Translate } from './timeline-entry';

export interface TimelineListProps {
  entries: readonly TimelineEntry[];
  kind?: 'dossier' | 'task';
}

export function TimelineList({ entries, kind = 'dossier' }: TimelineListProps) {
  const { t } = useTranslation('item');
  const tr = t as unknown as Translate;
  if (entries.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const sorted = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <ol className="tl-list" data-testid="timeline-list">
      {sorted.map((e) => {
        const details = describeEntryData(e.data, tr);
        return (
          <li key={e.eventId} className={`tl-entry tl-entry-${e.type}`}>
            <time dateTime={e.at} className="tl-entry-at">
              {formatDayTime(e.at)}
            </time>{' '}
            <strong className="tl-entry-type">{eventTypeLabel(e.type, tr, kind)}</strong>
            {details.length > 0 && <span className="tl-entry-details"> — {details.join('; ')}</span>}
          </li>
        );
      })}
    </ol>
  );
}
