/**
 * The time bar's instants (issue 16): the URL's `at` (ISO with +07:00), the slider's range (the last
 * 35 days, to the hour) and the banner's words (the picker's fields: moment-input.ts). Vietnam time throughout.
 */
import type { ReplayAsOf } from '../../../shared/contract/replay';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const VN_OFFSET_MS = 7 * HOUR_MS;
/** How far back the slider reaches. */
export const REPLAY_DAYS = 35;
/** Playback speeds: log time per second of watching. */
export const SPEEDS = [1, 60, 3_600] as const;
export type Speed = (typeof SPEEDS)[number];

export interface ReplayParams {
  at: number;
  asOf: ReplayAsOf;
}

/** `at` and `asOf` of a URL; null for none or an `at` that is not an instant with its offset. */
export function parseReplayParams(sp: URLSearchParams): ReplayParams | null {
  const raw = sp.get('at');
  if (!raw || !/[zZ]|[+-]\d\d:?\d\d$/.test(raw)) return null;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return null;
  return { at, asOf: sp.get('asOf') === 'corrected' ? 'corrected' : 'received' };
}

/** Vietnam wall-clock parts of an instant. */
function vnParts(t: number) {
  const d = new Date(t + VN_OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    wd: d.getUTCDay(),
  };
}
const pad = (n: number) => String(n).padStart(2, '0');

/** The URL's form: `2026-12-01T10:00+07:00`. */
export function toAtParam(t: number): string {
  const p = vnParts(t);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}+07:00`;
}

/** The instant's hour and date for the banner, with the weekday's name given (`thứ Ba`, `Tuesday`). */
export function bannerParts(t: number): { time: string; weekday: number; date: string } {
  const p = vnParts(t);
  return { time: `${pad(p.h)}:${pad(p.mi)}`, weekday: p.wd, date: `${p.d}/${p.mo}/${p.y}` };
}

/** The slider's range: from 35 days before the hour of `now` to `now`. */
export function replayRange(now: number): { from: number; to: number } {
  return { from: Math.floor(now / HOUR_MS) * HOUR_MS - REPLAY_DAYS * DAY_MS, to: now };
}

/** `t` kept within the range. */
export function clampAt(t: number, now: number): number {
  const { from, to } = replayRange(now);
  return Math.min(to, Math.max(from, t));
}
