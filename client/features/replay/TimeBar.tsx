/**
 * The time bar (`Xem lại`, issue 16): a button while live; while replaying, the banner that says
 * which moment is shown, a picker (date and 24-hour time fields, MomentPicker), a slider over the last 35 days, play/pause at 1×, 60× and
 * 3,600×, steps by hour and day, the as-received/as-corrected switch, and one button back to live.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplayInfo } from '../../../shared/contract/replay';
import { errorText } from '../../api/error-text';
import { useFormat } from '../../i18n';
import { ComparePanel } from './ComparePanel';
import type { CompareAnswer } from './useCompareAnswer';
import type { OverviewCorrections } from './useOverviewCorrections';
import { marksAfter } from './rule-marks';
import { MomentPicker } from './MomentPicker';
import { TimeBarMarks, useRuleMarks } from './TimeBarMarks';
import { bannerParts, clampAt, DAY_MS, HOUR_MS, replayRange, SPEEDS, type ReplayParams, type Speed } from './replay-time';

interface OpenProps {
  replay: ReplayParams;
  /** What the server said of the moment shown (null while it loads). */
  info: ReplayInfo | null;
  loading: boolean;
  error: string | null;
  /** A new moment (null: back to live); `push` adds a history entry (a chosen moment, not each step of playback). */
  onChange: (next: ReplayParams | null, push: boolean) => void;
  now: number;
  compare?: CompareAnswer;
  corrections?: OverviewCorrections | null;
}

export interface TimeBarProps {
  replay: ReplayParams | null;
  /** The overview's answer (its `replay` block while replaying). */
  answer: { data: { replay?: ReplayInfo } | null; loading: boolean; error: { message: string } | null };
  onChange: OpenProps['onChange'];
  /** The comparison when the page reads it already (the overview colours its map by it). */
  compare?: CompareAnswer;
  /** The overview's per-unit corrections (shown as corrected): their count goes in the header. */
  corrections?: OverviewCorrections | null;
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

export function TimeBar({ replay, answer, onChange, compare, corrections }: TimeBarProps) {
  const { t } = useTranslation('replay');
  const now = useNow();
  if (replay === null) {
    return (
      <div className="timebar timebar--closed">
        <button
          type="button"
          className="btn timebar__open"
          title={t('openHint')}
          onClick={() => onChange({ at: clampAt(Math.floor(now / HOUR_MS) * HOUR_MS - DAY_MS, now), asOf: 'received' }, true)}
        >
          ◀◀ {t('open')}
        </button>
      </div>
    );
  }
  return (
    <OpenTimeBar
      replay={replay}
      info={answer.data?.replay ?? null}
      loading={answer.loading}
      error={answer.error ? errorText(answer.error) : null}
      onChange={onChange}
      now={now}
      compare={compare}
      corrections={corrections}
    />
  );
}

/** Playback: every second, `speed` seconds of log time; the next step waits for the answer to the last. */
function usePlayback(replay: ReplayParams, loading: boolean, onChange: OpenProps['onChange']) {
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(3_600);
  const { at, asOf } = replay;

  useEffect(() => {
    if (!playing || loading) return;
    const id = window.setTimeout(() => {
      const next = at + speed * 1000;
      if (next >= Date.now()) setPlaying(false);
      onChange({ at: clampAt(next, Date.now()), asOf }, false);
    }, 1000);
    return () => window.clearTimeout(id);
  }, [playing, loading, at, speed, asOf, onChange]);
  return { playing, setPlaying, speed, setSpeed };
}

function OpenTimeBar({ replay, info, loading, error, onChange, now, compare, corrections }: OpenProps) {
  const { t } = useTranslation('replay');
  const { at, asOf } = replay;
  const range = replayRange(now);
  const move = (next: number, push = false) => onChange({ at: clampAt(next, Date.now()), asOf }, push);
  const playback = usePlayback(replay, loading, onChange);
  const marks = useRuleMarks().data?.marks ?? [];
  const changedSince = marksAfter(marks, at);

  const b = bannerParts(at);
  const weekdays = t('weekday', { returnObjects: true }) as string[];
  const first = info?.firstArrival ? Date.parse(info.firstArrival) : null;
  const beforeFirst = asOf === 'received' && first !== null && at < first;
  const fp = first === null ? null : bannerParts(first);
  return (
    <section className="timebar timebar--open" aria-label={t('open')}>
      <div className="timebar__head">
        <p className="timebar__banner" role="status" data-testid="replay-banner">
          {t('banner', { time: b.time, weekday: weekdays[b.weekday], date: b.date })}
        </p>
        {corrections && <CorrectedUnits count={corrections.count} />}
        <button type="button" className="btn timebar__live" onClick={() => onChange(null, true)}>
          {t('backToLive')}
        </button>
      </div>
      <div className="timebar__controls">
        <MomentPicker at={at} range={range} label={t('picker')} onPick={(m) => move(m, true)} />
        <div className="timebar__track">
          <input
            className="timebar__slider"
            type="range"
            aria-label={t('slider')}
            min={range.from}
            max={range.to}
            step={HOUR_MS}
            value={at}
            onChange={(e) => move(Number(e.target.value))}
          />
          <TimeBarMarks marks={marks} range={range} onPick={(m) => move(m, true)} />
        </div>
        <TimeBarButtons replay={replay} move={move} playback={playback} onChange={onChange} />
      </div>
      <ComparePanel at={at} asOf={asOf} answer={compare} />
      <p className="timebar__note">
        {t('rulesNow')}
        {changedSince.length > 0 && (
          <span data-testid="replay-rules-changed"> {t('marks.changedSince', { count: changedSince.length })}</span>
        )}
        {beforeFirst && fp && <> {t('beforeFirstArrival', { time: fp.time, date: fp.date })}</>}
        {loading && <> {t('loading')}</>}
        {error && <span role="alert"> {t('error', { message: error })}</span>}
      </p>
    </section>
  );
}

function TimeBarButtons({
  replay,
  move,
  playback,
  onChange,
}: {
  replay: ReplayParams;
  move: (next: number, push?: boolean) => void;
  playback: ReturnType<typeof usePlayback>;
  onChange: OpenProps['onChange'];
}) {
  const { t } = useTranslation('replay');
  const f = useFormat();
  const { at, asOf } = replay;
  return (
    <div className="timebar__buttons">
      <button type="button" className="btn" onClick={() => move(at - DAY_MS, true)}>
        {t('dayBack')}
      </button>
      <button type="button" className="btn" onClick={() => move(at - HOUR_MS, true)}>
        {t('hourBack')}
      </button>
      <button type="button" className="btn timebar__play" aria-pressed={playback.playing} onClick={() => playback.setPlaying((p) => !p)}>
        {playback.playing ? `❚❚ ${t('pause')}` : `▶ ${t('play')}`}
      </button>
      <button type="button" className="btn" onClick={() => move(at + HOUR_MS, true)}>
        {t('hourForward')}
      </button>
      <button type="button" className="btn" onClick={() => move(at + DAY_MS, true)}>
        {t('dayForward')}
      </button>
      <label className="timebar__field">
        <span>{t('speed')}</span>
        <select value={playback.speed} onChange={(e) => playback.setSpeed(Number(e.target.value) as Speed)}>
          {SPEEDS.map((s) => (
            <option key={s} value={s} title={t(`speedHint${s}`)}>
              {t('speedValue', { n: f.count(s) })}
            </option>
          ))}
        </select>
      </label>
      <label className="timebar__field" title={t('asOfHint')}>
        <span>{t('asOf')}</span>
        <select value={asOf} onChange={(e) => onChange({ at, asOf: e.target.value === 'corrected' ? 'corrected' : 'received' }, true)}>
          <option value="received">{t('asOfReceived')}</option>
          <option value="corrected">{t('asOfCorrected')}</option>
        </select>
      </label>
    </div>
  );
}

/** The header's count of units whose figures were corrected since the moment shown. */
function CorrectedUnits({ count }: { count: number }) {
  const { t } = useTranslation('replay');
  return (
    <p
      className={count ? 'timebar__corrected timebar__corrected--some' : 'timebar__corrected'}
      data-testid="replay-corrected-units"
      data-value={count}
    >
      {count ? t('correction.units', { count }) : t('correction.noUnits')}
    </p>
  );
}
