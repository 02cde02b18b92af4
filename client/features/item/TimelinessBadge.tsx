/** A coloured label for a dossier's or task's timeliness (Trước hạn, Đúng hạn, Trễ hạn, Quá hạn…). */
import { useTranslation } from 'react-i18next';

const TONE: Record<string, 'good' | 'warn' | 'bad' | 'neutral'> = {
  early: 'good',
  on_time: 'good',
  in_term: 'good',
  late: 'bad',
  overdue: 'bad',
  due_soon: 'warn',
  awaiting_supplement: 'neutral',
  paused: 'neutral',
  excluded: 'neutral',
  open_in_term: 'good',
  open_overdue: 'bad',
  done_on_time: 'good',
  done_late: 'bad',
  no_deadline: 'neutral',
  cancelled: 'neutral',
};

export function TimelinessBadge({ value, kind }: { value: string; kind: 'dossier' | 'task' }) {
  const { t } = useTranslation('item');
  const key = kind === 'dossier' ? `timeliness.${value}` : `taskTimeliness.${value}`;
  return (
    <span className={`badge badge-${TONE[value] ?? 'neutral'}`} data-testid="timeliness">
      {t(key, { defaultValue: value })}
    </span>
  );
}
