/**
 * The daily jump (data trust, time-driven): at the end of each working day, a unit's figures of the
 * day — volume (dossiers received) and on-time rate (of the dossiers finished that day) — against its
 * own history: the working days of the last `jumpHistoryWeeks` weeks. A figure jumps when it lies more
 * than k scaled MADs from the history's median (robust z = |x − median| ÷ (1.4826 × MAD) > k). Pure:
 * the unit's daily figures in (the store keeps them per unit and day, so nothing scans dossiers).
 */
import type { DataTrustSettings } from './accountability-settings.js';

/** A unit's figures of one day (day: Vietnam day index). */
export interface UnitDay {
  day: number;
  received: number;
  finished: number;
  onTime: number;
}

export type JumpFigure = 'volume' | 'on_time_rate';

export interface DailyJump {
  figure: JumpFigure;
  value: number;
  median: number;
  /** The history's median absolute deviation (before the floor). */
  mad: number;
  /** Robust z: |value − median| ÷ (1.4826 × max(MAD, floor)). */
  score: number;
}

/** 1.4826 × MAD estimates the standard deviation of normal data. */
const MAD_SCALE = 1.4826;
/**
 * A history that never moves (MAD 0) would make any change a jump: the MAD is floored at one
 * dossier a day for volume and two percentage points for the on-time rate.
 */
const MAD_FLOOR: Record<JumpFigure, number> = { volume: 1, on_time_rate: 0.02 };

export function median(xs: readonly number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The value against the history (null when the history is shorter than `minHistory`). */
export function robustJump(figure: JumpFigure, history: readonly number[], value: number, minHistory: number): DailyJump | null {
  if (history.length === 0 || history.length < minHistory) return null;
  const med = median(history);
  const mad = median(history.map((x) => Math.abs(x - med)));
  const score = Math.abs(value - med) / (MAD_SCALE * Math.max(mad, MAD_FLOOR[figure]));
  return { figure, value, median: med, mad, score };
}

/**
 * The figures of `today` that jump against `history` (the unit's figures of the working days before
 * it within the setting's weeks; a working day with nothing received is a day of volume 0: pass it).
 * A day's on-time rate counts, judged or as history, only with `jumpMinFinished` dossiers finished.
 */
export function dailyJumps(
  today: UnitDay,
  history: readonly UnitDay[],
  s: Pick<DataTrustSettings, 'jumpK' | 'jumpMinHistoryDays' | 'jumpMinFinished'>,
): DailyJump[] {
  const out: DailyJump[] = [];
  const volume = robustJump(
    'volume',
    history.map((d) => d.received),
    today.received,
    s.jumpMinHistoryDays,
  );
  if (volume && volume.score > s.jumpK) out.push(volume);
  if (today.finished >= s.jumpMinFinished) {
    const rates = history.filter((d) => d.finished >= s.jumpMinFinished).map((d) => d.onTime / d.finished);
    const rate = robustJump('on_time_rate', rates, today.onTime / today.finished, s.jumpMinHistoryDays);
    if (rate && rate.score > s.jumpK) out.push(rate);
  }
  return out;
}
