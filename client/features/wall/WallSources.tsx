import { useTranslation } from 'react-i18next';
import type { SourceFreshness } from '../../../shared/contract/api';
import { SOURCE_STATE_ICON } from '../../lib/sources';

const SEVERITY = { silent: 0, late: 1, live: 2 } as const;

/**
 * The wall's status bar: every data source with its state (Trực tiếp / Chậm / Chưa cập nhật), icon
 * and words, readable from across the room; silent ones first, then late, so a narrow bar still shows
 * what matters. Nothing before the first clock tick. `known` false (the wall has heard nothing for a
 * while): each state is "Không rõ", since a source said live at the last tick may have gone quiet since.
 */
export function WallSources({ sources, known = true }: { sources: readonly SourceFreshness[] | null; known?: boolean }) {
  const { t } = useTranslation('wall');
  if (!sources || sources.length === 0) return null;
  const ordered = [...sources].sort((a, b) => SEVERITY[a.state] - SEVERITY[b.state]);
  return (
    <div className="wall-sources" data-testid="wall-sources">
      <span className="wall-sources__label">{t('sources.label')}:</span>
      <ul className="wall-sources__list">
        {ordered.map((s) => {
          const state = known ? s.state : 'unknown';
          return (
            <li key={s.name} className={`wall-sources__item wall-sources__item--${state}`} data-state={state} data-source={s.name}>
              <span aria-hidden="true">{known ? SOURCE_STATE_ICON[s.state] : '?'}</span> {s.name} — {t(`sources.state.${state}`)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
