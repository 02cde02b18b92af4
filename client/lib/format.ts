/**
 * Display formatting, always in Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no DST).
 * Vietnamese by default: numbers `1.234,5`, percentages `96,3%`, dates `dd/MM/yyyy`, times `HH:mm:ss`.
 * Dates with a time follow the one rule of shared/datetime.ts: a bare date (the end of a Vietnam
 * day) is shown as the date alone, any other instant as `dd/MM/yyyy HH:mm`.
 */
import { formatVnDayTime, parseVnInstant } from '../../shared/datetime';

export type Lang = 'vi' | 'en';

/** Vietnam has used UTC+7 with no daylight saving since 1975, so a fixed offset is exact. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

const numberFormatCache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  // A short key, not JSON.stringify: a page formats thousands of figures (the tile map alone, 168 × several).
  const key = `${lang}|${options.style ?? ''}|${options.minimumFractionDigits ?? ''}|${options.maximumFractionDigits ?? ''}`;
  let nf = numberFormatCache.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(LOCALE[lang], options);
    numberFormatCache.set(key, nf);
  }
  return nf;
}

/** Placeholder shown for a value that cannot be computed (never a made-up zero). */
export const NO_VALUE = '—';

/**
 * A number with grouping: `1.234,5` (vi) or `1,234.5` (en).
 * @param maxFractionDigits at most this many decimals (default 1); trailing zeros are dropped.
 */
export function formatNumber(value: number | null | undefined, maxFractionDigits = 1, lang: Lang = 'vi'): string {
  if (value == null || !Number.isFinite(value)) return NO_VALUE;
  return numberFormat(lang, { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** An integer count with grouping: `15.230`. */
export function formatCount(value: number | null | undefined, lang: Lang = 'vi'): string {
  return formatNumber(value == null ? value : Math.round(value), 0, lang);
}

/**
 * A ratio in [0, 1] as a percentage with a fixed number of decimals: 0.963 → `96,3%`.
 * @param fractionDigits decimals shown (default 1).
 */
export function formatPercent(ratio: number | null | undefined, fractionDigits = 1, lang: Lang = 'vi'): string {
  if (ratio == null || !Number.isFinite(ratio)) return NO_VALUE;
  return numberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(ratio);
}

/**
 * A signed difference, e.g. `+1.204` or `−3,5`; `±0` when nothing changed.
 * Uses the true minus sign so the sign reads clearly at small sizes.
 */
export function formatSigned(diff: number | null | undefined, maxFractionDigits = 1, lang: Lang = 'vi'): string {
  if (diff == null || !Number.isFinite(diff)) return NO_VALUE;
  const rounded = Number(diff.toFixed(maxFractionDigits));
  if (rounded === 0) return '±0';
  const body = formatNumber(Math.abs(rounded), maxFractionDigits, lang);
  return rounded > 0 ? `+${body}` : `−${body}`;
}

/** Epoch ms; a bare `YYYY-MM-DD` is the end of that Vietnam day (as on the wire). NaN when unparsable. */
function toMs(value: string | number | Date): number {
  return parseVnInstant(value) ?? Number.NaN;
}

/** Calendar fields of an instant as seen on a wall clock in Vietnam. */
export function vnParts(value: string | number | Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} | null {
  const ms = toMs(value);
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `dd/MM/yyyy` in Vietnam time (ISO string, epoch ms or Date). */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value == null) return NO_VALUE;
  const p = vnParts(value);
  if (!p) return NO_VALUE;
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** `HH:mm:ss` (24 h) in Vietnam time. */
export function formatTime(value: string | number | Date | null | undefined): string {
  if (value == null) return NO_VALUE;
  const p = vnParts(value);
  if (!p) return NO_VALUE;
  return `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/**
 * `dd/MM/yyyy HH:mm` in Vietnam time, or `dd/MM/yyyy` alone for a bare date (the end of a Vietnam
 * day): the shared rule, {@link formatVnDayTime}.
 */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  return formatVnDayTime(value, NO_VALUE);
}

/** `dd/MM` of a `YYYY-MM-DD` calendar day (already a Vietnam day; no time-zone shift). */
export function formatDayMonth(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  return m ? `${m[3]}/${m[2]}` : isoDay;
}

/** Formatters bound to one language (what components get from `useFormat()`). */
export interface Formatters {
  lang: Lang;
  number: (v: number | null | undefined, maxFractionDigits?: number) => string;
  count: (v: number | null | undefined) => string;
  percent: (ratio: number | null | undefined, fractionDigits?: number) => string;
  signed: (diff: number | null | undefined, maxFractionDigits?: number) => string;
  date: typeof formatDate;
  time: typeof formatTime;
  dateTime: typeof formatDateTime;
}

/** Formatters for a language; pure, cheap to call. */
export function formattersFor(lang: Lang): Formatters {
  return {
    lang,
    number: (v, d) => formatNumber(v, d, lang),
    count: (v) => formatCount(v, lang),
    percent: (r, d) => formatPercent(r, d, lang),
    signed: (v, d) => formatSigned(v, d, lang),
    date: formatDate,
    time: formatTime,
    dateTime: formatDateTime,
  };
}
