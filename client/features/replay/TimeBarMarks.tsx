/** The working calendar's changes as marks along the time bar's slider: each a button that moves to its instant. */
import { useTranslation } from 'react-i18next';
import type { ReplayMarksResponse } from '../../../shared/contract/replay';
import { apiUrl, getJson, useApi } from '../../api';
import { placeMarks } from './rule-marks';
import { bannerParts } from './replay-time';

/** The rule changes of the last 35 days (the server's default range, the slider's). */
export function useRuleMarks() {
  return useApi((signal) => getJson<ReplayMarksResponse>(apiUrl('/replay/marks', {}), { signal }), []);
}

export function TimeBarMarks({
  marks,
  range,
  onPick,
}: {
  marks: ReplayMarksResponse['marks'];
  range: { from: number; to: number };
  onPick: (at: number) => void;
}) {
  const { t } = useTranslation('replay');
  const placed = placeMarks(marks, range);
  if (!placed.length) return null;
  return (
    <ul className="timebar__marks" aria-label={t('marks.label')} data-testid="replay-marks">
      {placed.map((m) => {
        const p = bannerParts(m.at);
        const title = t(m.mark.appliesAfterRestart ? 'marks.calendarEdit' : 'marks.calendarFile', {
          time: p.time,
          date: p.date,
          what: m.mark.what.join(', '),
        });
        return (
          <li key={`${m.mark.at}|${m.mark.what.join()}`} className="timebar__mark" style={{ left: `${m.left}%` }}>
            <button type="button" className="timebar__mark-btn" title={title} aria-label={title} onClick={() => onPick(m.at)} />
          </li>
        );
      })}
    </ul>
  );
}
