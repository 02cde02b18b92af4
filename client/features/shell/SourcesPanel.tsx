import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceFreshness } from '../../../shared/contract/api';
import { useFormat } from '../../i18n';
import { lagWords, skewWords, SOURCE_STATE_ICON, summarizeSources } from '../../lib/sources';

/**
 * The header's "Nguồn dữ liệu: 2/2 trực tiếp" button; it opens a list of every source with when it
 * last sent ("Cập nhật lúc", the time its lag counts from) and the latest event time in what it sent,
 * its lag and state (Trực tiếp / Chậm / Chưa cập nhật). Sources come from the server's clock ticks;
 * nothing is shown before the first one. `known` false (no tick for a while): the button says the states
 * are unknown, and the list that they are the last ones heard, rather than "2/2 trực tiếp" over a lost connection.
 */
export function SourcesPanel({ sources, known = true }: { sources: readonly SourceFreshness[] | null; known?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const close = useCallback(() => setOpen(false), []);
  useCloseOnEscapeOrOutside(open, rootRef, close);

  if (!sources) return null;
  const summary = summarizeSources(sources);
  const tone = known ? (summary.worst ?? 'none') : 'unknown';
  const label = !known
    ? t('sources.buttonUnknown')
    : summary.total === 0
      ? t('sources.buttonNone')
      : t('sources.button', { live: summary.live, total: summary.total });

  return (
    <div className="sources" ref={rootRef}>
      <button
        type="button"
        className={`sources__button sources__button--${tone}`}
        data-testid="sources-button"
        data-worst={tone}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {known && summary.worst && (
          <span className="sources__icon" aria-hidden="true">
            {SOURCE_STATE_ICON[summary.worst]}
          </span>
        )}
        {label}
      </button>
      {open && (
        <div className="sources__panel" id={panelId} role="dialog" aria-label={t('sources.title')} data-testid="sources-panel">
          <div className="sources__head">
            <strong>{t('sources.title')}</strong>
            <button type="button" className="btn btn--small" onClick={close}>
              {t('close')}
            </button>
          </div>
          {!known && <p className="sources__unknown">{t('sources.unknownNote')}</p>}
          {sources.length === 0 ? <p>{t('sources.empty')}</p> : <SourcesTable sources={sources} />}
          <p className="sources__hint">{t('sources.hint')}</p>
        </div>
      )}
    </div>
  );
}

/** While `open`, Escape or a press outside `rootRef` calls `close`. */
function useCloseOnEscapeOrOutside(open: boolean, rootRef: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close();
    };
    const onPointer = (e: MouseEvent): void => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open, rootRef, close]);
}

/**
 * "Lệch giờ: +3 phút" under the lag, with what it means in its title; past the warning size, marked
 * with an icon and a sentence saying what to check. Nothing before the source's first event.
 */
function SkewLine({ source: s }: { source: SourceFreshness }) {
  const { t } = useTranslation();
  const f = useFormat();
  const w = skewWords(s.clockSkewMs);
  if (!w) return null;
  const value = w.key === 'seconds' ? t('sources.skewSeconds', w.values) : t(`sources.lag.${w.key}`, w.values);
  return (
    <span
      className={`sources__meta sources__skew${s.clockSkewLarge ? ' sources__skew--large' : ''}`}
      data-testid={`source-skew-${s.name}`}
      data-large={s.clockSkewLarge}
      title={t('sources.skewTitle', { n: f.count(s.clockSkewSamples) })}
    >
      {s.clockSkewLarge && <span aria-hidden="true">⚠ </span>}
      {t('sources.skewLabel', { sign: w.sign, value })}
      {s.clockSkewLarge && (
        <span className="sources__skew-warning">{t('sources.skewLarge', { minutes: Math.round(s.clockSkewWarnMs / 60_000) })}</span>
      )}
    </span>
  );
}

/** One row per source: name, kind and silence rule; when it last sent; its lag; its state. */
function SourcesTable({ sources }: { sources: readonly SourceFreshness[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <table className="sources__table">
      <thead>
        <tr>
          <th scope="col">{t('sources.name')}</th>
          <th scope="col">{t('sources.lastEvent')}</th>
          <th scope="col">{t('sources.lagLabel')}</th>
          <th scope="col">{t('sources.stateLabel')}</th>
        </tr>
      </thead>
      <tbody>
        {sources.map((s) => {
          const lag = lagWords(s.lagMs);
          return (
            <tr key={s.name} data-testid={`source-${s.name}`} data-state={s.state}>
              <th scope="row">
                {s.name}
                <span className="sources__meta">
                  {t(`sources.kind.${s.kind}`)} · {t(`sources.rule.${s.hours}`, { minutes: f.number(s.silentAfterMs / 60_000, 1) })}
                </span>
              </th>
              <td>
                {s.lastSeenAt ? <time dateTime={s.lastSeenAt}>{f.dateTime(s.lastSeenAt)}</time> : t('sources.never')}
                {s.lastEventAt && <span className="sources__meta">{t('sources.latestEvent', { time: f.dateTime(s.lastEventAt) })}</span>}
              </td>
              <td>
                {t(`sources.lag.${lag.key}`, lag.values)}
                <SkewLine source={s} />
              </td>
              <td className={`sources__state sources__state--${s.state}`}>
                <span aria-hidden="true">{SOURCE_STATE_ICON[s.state]}</span> {t(`sources.state.${s.state}`)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
