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

/** What Intl.NumberFormat writes between groups of three digits and before the decimals, per language. */
const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** Past this a double has no exact units (and Intl's grouping of huge numbers is its own): Intl formats those. */
const PLAIN_LIMIT = 1e15;

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

/**
 * `value` (× 100 for a percentage) as Intl.NumberFormat writes it in `lang`, without Intl: a browser's first
 * Intl.NumberFormat loads the locale's ICU data, 75–140 ms of the first render on this loaded machine (issue 15).
 * Like ICU, it rounds the shortest decimal that reads back as the double (what `String(x)` writes: 0.0155,
 * not the double's exact 0.01549…) half away from zero; ×100 moves the decimal point (property test
 * against Intl).
 */
function plainNumber(value: number, minFraction: number, maxFraction: number, lang: Lang, percent: boolean): string {
  const [mantissa = '0', exp = '0'] = Math.abs(value).toExponential().split('e');
  let digits = mantissa.replace('.', '');
  // How many of `digits` stand before the decimal point.
  let point = Number(exp) + 1 + (percent ? 2 : 0);
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  const cut = point + maxFraction;
  digits = digits.padEnd(cut, '0');
  if (digits.length > cut) {
    const up = digits[cut]! >= '5';
    digits = digits.slice(0, cut);
    if (up) {
      const next = roundUp(digits);
      if (next.length > digits.length) point++;
      digits = next;
    }
  }
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  let end = digits.length;
  while (end > point + minFraction && digits[end - 1] === '0') end--;
  const fraction = digits.slice(point, end);
  const { group, decimal } = SEPARATORS[lang];
  let grouped = '';
  for (let i = int.length; i > 0; i -= 3) grouped = int.slice(Math.max(0, i - 3), i) + (grouped ? group + grouped : '');
  // Intl writes the sign of a negative value even when it rounds to zero ("-0"), and of −0.
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${grouped}${fraction ? decimal + fraction : ''}${percent ? '%' : ''}`;
}

/** A string of decimal digits plus one in its last place ("0999" → "1000", "99" → "100"). */
function roundUp(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return '1' + '0'.repeat(digits.length);
  return digits.slice(0, i) + String(Number(digits[i]) + 1) + '0'.repeat(digits.length - i - 1);
}

/** Placeholder shown for a value that cannot be computed (never a made-up zero). */
export const NO_VALUE = '—';

/**
 * A number with grouping: `1.234,5` (vi) or `1,234.5` (en).
 * @param maxFractionDigits at most this many decimals (default 1); trailing zeros are dropped.
 */
export function formatNumber(value: number | null | undefined, maxFractionDigits = 1, lang: Lang = 'vi'): string {
  if (value == null || !Number.isFinite(value)) return NO_VALUE;
  if (Math.abs(value) < PLAIN_LIMIT) return plainNumber(value, 0, maxFractionDigits, lang, false);
  return numberFormat(lang, { maximumFractionDigits: maxFractionDigits }).format(value);
}

/**
 * A number with exactly `fractionDigits` decimals, trailing zeros kept: `7,0`, `12,5`, `1.204,0`. For a
 * table's column, where "8,8 · 7,9 · 7" misaligns and reads as if the last one were a count; tiles and
 * sentences keep {@link formatNumber}.
 */
export function formatFixed(value: number | null | undefined, fractionDigits = 1, lang: Lang = 'vi'): string {
  if (value == null || !Number.isFinite(value)) return NO_VALUE;
  if (Math.abs(value) < PLAIN_LIMIT) return plainNumber(value, fractionDigits, fractionDigits, lang, false);
  return numberFormat(lang, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
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
  if (Math.abs(ratio) < PLAIN_LIMIT / 100) return plainNumber(ratio, fractionDigits, fractionDigits, lang, true);
  return numberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(ratio);
}

/**
 * A signed difference, e.g. `+1.204` or `−3,5`; `±0` when nothing changed.
 * Uses the true minus sign so the sign reads clearly at small sizes. `fixed`: exactly `maxFractionDigits`
 * decimals (`+1,50`, `±0,00`), for a table column.
 */
export function formatSigned(diff: number | null | undefined, maxFractionDigits = 1, lang: Lang = 'vi', fixed = false): string {
  if (diff == null || !Number.isFinite(diff)) return NO_VALUE;
  const rounded = Number(diff.toFixed(maxFractionDigits));
  if (rounded === 0) return fixed ? `±${formatFixed(0, maxFractionDigits, lang)}` : '±0';
  const body = fixed ? formatFixed(Math.abs(rounded), maxFractionDigits, lang) : formatNumber(Math.abs(rounded), maxFractionDigits, lang);
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
  /** Exactly this many decimals (default 1), for table columns: `7,0`. */
  fixed: (v: number | null | undefined, fractionDigits?: number) => string;
  count: (v: number | null | undefined) => string;
  percent: (ratio: number | null | undefined, fractionDigits?: number) => string;
  signed: (diff: number | null | undefined, maxFractionDigits?: number, fixed?: boolean) => string;
  date: typeof formatDate;
  time: typeof formatTime;
  dateTime: typeof formatDateTime;
}

/** Formatters for a language; pure, cheap to call. */
export function formattersFor(lang: Lang): Formatters {
  return {
    lang,
    number: (v, d) => formatNumber(v, d, lang),
    fixed: (v, d) => formatFixed(v, d, lang),
    count: (v) => formatCount(v, lang),
    percent: (r, d) => formatPercent(r, d, lang),
    signed: (v, d, fixed) => formatSigned(v, d, lang, fixed),
    date: formatDate,
    time: formatTime,
    dateTime: formatDateTime,
  };
}
