/**
 * Vietnam time (Asia/Ho_Chi_Minh): UTC+7 all year, no daylight saving, so every conversion is a
 * fixed shift and a "day index" (days since 1970-01-01 in Vietnam time) identifies a calendar date.
 * Instants are epoch milliseconds; day keys are 'YYYY-MM-DD' in Vietnam time.
 * Date arithmetic is done on integers (civil-from-days), never through the host time zone.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** Vietnam's offset from UTC, milliseconds. */
export const VN_OFFSET_MS = 7 * MS_PER_HOUR;

/** Day index (days since 1970-01-01, Vietnam time) of the instant t (epoch ms). */
export function vnDayIndex(t: number): number {
  return Math.floor((t + VN_OFFSET_MS) / MS_PER_DAY);
}

/** Epoch ms of 00:00 Vietnam time on the day with index d. */
export function vnDayStartOfIndex(d: number): number {
  return d * MS_PER_DAY - VN_OFFSET_MS;
}

/** Day of week of a day index: 0 = Sunday … 6 = Saturday. */
export function dayOfWeekOfIndex(d: number): number {
  // 1970-01-01 was a Thursday.
  return (((d + 4) % 7) + 7) % 7;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The proleptic Gregorian date [year, month 1–12, day] of a day index. */
export function civilFromDays(d: number): [number, number, number] {
  const z = d + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day];
}

function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad3 = (n: number): string => (n < 10 ? '00' : n < 100 ? '0' : '') + n;
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** 'YYYY-MM-DD' of a day index. */
export function dayKeyOfIndex(d: number): string {
  const [y, m, day] = civilFromDays(d);
  return `${pad4(y)}-${pad2(m)}-${pad2(day)}`;
}

/** Day index of a 'YYYY-MM-DD' key, or null if it is not a real calendar date. */
export function parseDayKey(key: string): number | null {
  if (key.length !== 10) return null;
  return dateAt(key);
}

function dayIndexOf(day: string | number): number {
  if (typeof day === 'number') return vnDayIndex(day);
  const d = parseDayKey(day);
  if (d === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return d;
}

/** 'YYYY-MM-DD' of the instant t (epoch ms) in Vietnam time. */
export function vnDayKey(t: number): string {
  return dayKeyOfIndex(vnDayIndex(t));
}

/**
 * Epoch ms of 00:00:00.000 Vietnam time on a day given as 'YYYY-MM-DD' or as any instant in it.
 * Throws RangeError for a key that is not a calendar date.
 */
export function vnStartOfDay(day: string | number): number {
  return vnDayStartOfIndex(dayIndexOf(day));
}

/** Epoch ms of the last millisecond (23:59:59.999 Vietnam time) of a day given as a key or an instant. */
export function vnEndOfDay(day: string | number): number {
  return vnDayStartOfIndex(dayIndexOf(day) + 1) - 1;
}

/** ISO 8601 with the Vietnam offset, e.g. '2026-11-22T08:30:00.000+07:00', for the instant t (epoch ms). */
export function toVnIso(t: number): string {
  const local = t + VN_OFFSET_MS;
  const d = Math.floor(local / MS_PER_DAY);
  let ms = local - d * MS_PER_DAY;
  const hh = Math.floor(ms / MS_PER_HOUR);
  ms -= hh * MS_PER_HOUR;
  const mm = Math.floor(ms / MS_PER_MINUTE);
  ms -= mm * MS_PER_MINUTE;
  const ss = Math.floor(ms / 1000);
  ms -= ss * 1000;
  return `${dayKeyOfIndex(d)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}.${pad3(Math.floor(ms))}+07:00`;
}

/**
 * Epoch ms of an ISO 8601 / RFC 3339 date-time that carries an explicit offset ('Z' or ±HH:MM),
 * or null. Strings without an offset are rejected: their time zone would be a guess.
 * Fractions beyond milliseconds are truncated.
 *
 * Accepts exactly what this pattern accepts (the earlier implementation; tests/server/domain/time-parse
 * checks both agree), with a calendar-date and clock-range check on top:
 *   ^YYYY-MM-DD[Tt ]HH:MM(:SS([.,]F{1,9})?)?([Zz]|[+-]HH:?MM)$
 * Read by character codes rather than by a regular expression: every event carries one or two of
 * these, and at tens of thousands of events per second the regex and its capture strings cost more
 * than the rest of the event's validation.
 */
export function parseIsoWithOffset(s: string): number | null {
  const n = s.length;
  if (n < 17) return null;
  const day = dateAt(s);
  if (day === null) return null;
  const t = s.charCodeAt(10);
  if (t !== CH_T && t !== CH_t && t !== CH_SPACE) return null;
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  if (hour < 0 || minute < 0 || s.charCodeAt(13) !== CH_COLON) return null;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (s.charCodeAt(i) === CH_COLON) {
    second = twoDigits(s, i + 1);
    if (second < 0) return null;
    i += 3;
    const sep = s.charCodeAt(i);
    if (sep === CH_DOT || sep === CH_COMMA) {
      i++;
      const from = i;
      // Up to 9 digits; the first three are the milliseconds (a shorter fraction is padded with zeros).
      for (; i < n && i - from < 9; i++) {
        const d = s.charCodeAt(i) - CH_0;
        if (d < 0 || d > 9) break;
        if (i - from < 3) millis += d * MS_SCALE[i - from];
      }
      if (i === from) return null;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMs = 0;
  const z = s.charCodeAt(i);
  if (z === CH_Z || z === CH_z) {
    if (i + 1 !== n) return null;
  } else if (z === CH_PLUS || z === CH_MINUS) {
    const oh = twoDigits(s, i + 1);
    i += 3;
    if (s.charCodeAt(i) === CH_COLON) i++;
    const om = twoDigits(s, i);
    if (oh < 0 || om < 0 || i + 2 !== n || oh > 23 || om > 59) return null;
    offsetMs = (z === CH_MINUS ? -1 : 1) * (oh * MS_PER_HOUR + om * MS_PER_MINUTE);
  } else {
    return null;
  }
  return day * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millis - offsetMs;
}

/** What the first, second and third digit of a fraction of a second are worth in milliseconds. */
const MS_SCALE = [100, 10, 1];
const CH_0 = 48;
const CH_DASH = 45;
const CH_COLON = 58;
const CH_DOT = 46;
const CH_COMMA = 44;
const CH_SPACE = 32;
const CH_T = 84;
const CH_t = 116;
const CH_Z = 90;
const CH_z = 122;
const CH_PLUS = 43;
const CH_MINUS = 45;

/** The number written by the two ASCII digits at s[i] and s[i + 1], or -1 (also past the end). */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - CH_0;
  const b = s.charCodeAt(i + 1) - CH_0;
  // Past the end charCodeAt gives NaN, and every comparison with NaN is false.
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Day index of the calendar date 'YYYY-MM-DD' at the start of s (whatever follows), or null. */
function dateAt(s: string): number | null {
  const y1 = twoDigits(s, 0);
  const y2 = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (y1 < 0 || y2 < 0 || month < 0 || day < 0 || s.charCodeAt(4) !== CH_DASH || s.charCodeAt(7) !== CH_DASH) return null;
  const year = y1 * 100 + y2;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/**
 * Epoch ms of a due date: an ISO date-time with an explicit offset, or a bare 'YYYY-MM-DD' meaning
 * the END of that day in Vietnam time (23:59:59.999 +07:00), as DOMAIN.md requires. Null if invalid.
 */
export function parseDueDate(s: string): number | null {
  const d = parseDayKey(s);
  if (d !== null) return vnDayStartOfIndex(d + 1) - 1;
  return parseIsoWithOffset(s);
}

/** Epoch ms of a DVCQG timestamp 'yyyyMMddHHmmss' (Vietnam time), or null if malformed. */
export function parseDvcqgDate(s: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  return parseIsoWithOffset(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
}

/** Epoch ms of Monday 00:00 Vietnam time of the ISO week containing t. */
export function vnWeekStart(t: number): number {
  const d = vnDayIndex(t);
  const sinceMonday = (dayOfWeekOfIndex(d) + 6) % 7;
  return vnDayStartOfIndex(d - sinceMonday);
}

/** Epoch ms of the 1st of the month, 00:00 Vietnam time, of the month containing t. */
export function vnMonthStart(t: number): number {
  const [y, m] = civilFromDays(vnDayIndex(t));
  return vnDayStartOfIndex(daysFromCivil(y, m, 1));
}

/** Epoch ms of the first day of the quarter (Jan, Apr, Jul, Oct), 00:00 Vietnam time, containing t. */
export function vnQuarterStart(t: number): number {
  const [y, m] = civilFromDays(vnDayIndex(t));
  return vnDayStartOfIndex(daysFromCivil(y, m - ((m - 1) % 3), 1));
}

/** Epoch ms of 1 January 00:00 Vietnam time of the year containing t. */
export function vnYearStart(t: number): number {
  const [y] = civilFromDays(vnDayIndex(t));
  return vnDayStartOfIndex(daysFromCivil(y, 1, 1));
}

/** Reporting periods (Hôm nay / Tuần này / Tháng này / Quý này / Năm nay). */
export type VnPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Epoch ms at which the period of the given kind containing t starts (Vietnam time). */
export function vnPeriodStart(t: number, period: VnPeriod): number {
  switch (period) {
    case 'day':
      return vnStartOfDay(t);
    case 'week':
      return vnWeekStart(t);
    case 'month':
      return vnMonthStart(t);
    case 'quarter':
      return vnQuarterStart(t);
    case 'year':
      return vnYearStart(t);
  }
}

/** Epoch ms at which the period after the one containing t starts (the exclusive end of t's period). */
export function vnNextPeriodStart(t: number, period: VnPeriod): number {
  const start = vnPeriodStart(t, period);
  switch (period) {
    case 'day':
      return start + MS_PER_DAY;
    case 'week':
      return start + 7 * MS_PER_DAY;
    case 'month':
    case 'quarter':
    case 'year': {
      const [y, m] = civilFromDays(vnDayIndex(start));
      const months = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
      const m0 = m - 1 + months;
      return vnDayStartOfIndex(daysFromCivil(y + Math.floor(m0 / 12), (m0 % 12) + 1, 1));
    }
  }
}
