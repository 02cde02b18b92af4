import { useTranslation } from 'react-i18next';
import type { SourceFreshness } from '../../../shared/contract/api';
import { SOURCE_STATE_ICON, summarizeSources } from '../../lib/sources';

const SEVERITY = { silent: 0, late: 1, live: 2 } as const;

/**
 * How many exceptions the bar names before "+N nguồn khác": three names of a source fit beside the scene
 * tabs at 1920 px; every silent one is also named in full on the line above (WallFooter's `wall-silent`).
 */
export const WALL_SOURCES_NAMED_MAX = 3;

/**
 * The wall's status bar for the data sources, icon and words, readable from across the room. One source:
 * its name and state. More: a count as the header's button says it ("Nguồn dữ liệu: 1/2 trực tiếp") and
 * only the exceptions by name and state, silent ones first, then late; a live source is not named, so the
 * bar does not grow with the city's sources and nothing is cut mid-word. Nothing before the first clock
 * tick. `known` false (the wall has heard nothing for a while): no count and no exceptions, only "Không rõ",
 * since a source said live at the last tick may have gone quiet since.
 */
export function WallSources({ sources, known = true }: { sources: readonly SourceFreshness[] | null; known?: boolean }) {
  const { t } = useTranslation('wall');
  if (!sources || sources.length === 0) return null;
  if (!known) {
    return (
      <div className="wall-sources" data-testid="wall-sources" data-summary="unknown">
        <span className="wall-sources__label">{t('sources.label')}:</span>
        <span className="wall-sources__item wall-sources__item--unknown" data-state="unknown">
          <span aria-hidden="true">?</span>{' '}
          {sources.length === 1
            ? `${sources[0]!.name} — ${t('sources.state.unknown')}`
            : t('sources.unknownAll', { total: sources.length })}
        </span>
      </div>
    );
  }
  const summary = summarizeSources(sources);
  const exceptions = sources.filter((s) => s.state !== 'live').sort((a, b) => SEVERITY[a.state] - SEVERITY[b.state]);
  const listed = sources.length === 1 ? sources : exceptions.slice(0, WALL_SOURCES_NAMED_MAX);
  const more = sources.length === 1 ? 0 : exceptions.length - listed.length;
  return (
    <div className="wall-sources" data-testid="wall-sources" data-summary={`${summary.live}/${summary.total}`}>
      <span className="wall-sources__label">{t('sources.label')}:</span>
      {sources.length > 1 && (
        <span className={`wall-sources__item wall-sources__item--${summary.worst ?? 'live'}`} data-testid="wall-sources-count">
          <span aria-hidden="true">{SOURCE_STATE_ICON[summary.worst ?? 'live']}</span>{' '}
          {t('sources.count', { live: summary.live, total: summary.total })}
        </span>
      )}
      {listed.length > 0 && (
        <ul className="wall-sources__list">
          {listed.map((s) => (
            <li key={s.name} className={`wall-sources__item wall-sources__item--${s.state}`} data-state={s.state} data-source={s.name}>
              <span aria-hidden="true">{SOURCE_STATE_ICON[s.state]}</span> {s.name} — {t(`sources.state.${s.state}`)}
            </li>
          ))}
          {more > 0 && <li className="wall-sources__more">{t('sources.more', { count: more })}</li>}
        </ul>
      )}
    </div>
  );
}
