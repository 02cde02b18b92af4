/** The timeline as an ordered list: the accessible, printable twin of the strip. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../shared/contract/api';
import { formatDayTime } from '../unit/datetime';
import { describeEntryData, eventTypeLabel } from './timeline-entry';
import type { Translate } from './timeline-entry';

/** An entry from outside the event log (a request, its answer), placed at its instant among the events. */
export interface TimelineExtra {
  key: string;
  /** ISO instant. */
  at: string;
  /** The item's content (time, label and details). */
  node: ReactNode;
  className?: string;
}

export interface TimelineListProps {
  entries: readonly TimelineEntry[];
  kind?: 'dossier' | 'task';
  extra?: readonly TimelineExtra[];
}

export function TimelineList({ entries, kind = 'dossier', extra = [] }: TimelineListProps) {
  const { t } = useTranslation('item');
  const tr = t as unknown as Translate;
  if (entries.length === 0 && extra.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  // Stable: an extra at the same instant as an event comes after it.
  const sorted = [...entries.map((e) => ({ at: e.at, e })), ...extra.map((x) => ({ at: x.at, x }))].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at),
  );
  return (
    <ol className="tl-list" data-testid="timeline-list">
      {sorted.map((item) => {
        if ('x' in item && item.x) {
          return (
            <li key={item.x.key} className={`tl-entry ${item.x.className ?? ''}`}>
              {item.x.node}
            </li>
          );
        }
        const e = (item as { e: TimelineEntry }).e;
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
