/**
 * The time bar's picker as two text fields we format ourselves (issue 16): the date as `dd/mm/yyyy` and
 * the time as `HH:mm` on a 24-hour clock, in Vietnam time, whatever the browser's language. A native
 * `datetime-local` shows the browser's format: in an English Chromium "12/07/2026, 10:00 AM", which a
 * Vietnamese reader takes for 12 July. Pure: text in, Vietnam wall-clock fields or an instant out.
 */
const HOUR_MS = 3_600_000;
const VN_OFFSET_MS = 7 * HOUR_MS;
const pad2 = (n: number): string => String(n).padStart(2, '0');

export interface DayFields {
  year: number;
  month: number;
  day: number;
}
export interface TimeFields {
  hour: number;
  minute: number;
}

/** The date field's text of an instant, Vietnam time: `07/12/2026`. */
export function dayText(t: number): string {
  const d = new Date(t + VN_OFFSET_MS);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** The time field's text of an instant, Vietnam time, 24-hour: `09:30`. */
export function timeText(t: number): string {
  const d = new Date(t + VN_OFFSET_MS);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/**
 * A date typed day first: `7/12/2026`, `07-12-2026`, `7.12.26`, `7 12 2026`, or digits alone as a phone's
 * number pad gives them (`07122026`, `071226`). A two-digit year is 20yy. Null for anything else, or a day
 * the calendar does not have (31/11, 29/02/2027).
 */
export function parseDayText(text: string): DayFields | null {
  const s = text.trim();
  let parts: string[] | null = null;
  const split = /^(\d{1,2})\s*[/.,\-\s]\s*(\d{1,2})\s*[/.,\-\s]\s*(\d{2}|\d{4})$/.exec(s);
  if (split) parts = split.slice(1);
  else if (/^\d{8}$/.test(s)) parts = [s.slice(0, 2), s.slice(2, 4), s.slice(4)];
  else if (/^\d{6}$/.test(s)) parts = [s.slice(0, 2), s.slice(2, 4), s.slice(4)];
  if (!parts) return null;
  const [day, month] = [Number(parts[0]), Number(parts[1])];
  const year = parts[2]!.length === 2 ? 2000 + Number(parts[2]) : Number(parts[2]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/**
 * A time on a 24-hour clock: `10:00`, `9:05`, `10h`, `10h30`, `10.30`, `10` (the hour), or digits alone
 * (`1030`, `930`). Null for anything else (25:00, 10:60, "10 AM").
 */
export function parseTimeText(text: string): TimeFields | null {
  const s = text.trim().toLowerCase();
  const m = /^(\d{1,2})\s*(?:[:.hg]\s*(\d{2})?)?$/.exec(s);
  const digits = /^\d{3,4}$/.test(s);
  if (!m && !digits) return null;
  const hour = Number(m ? m[1] : s.slice(0, -2));
  const minute = Number(m ? (m[2] ?? 0) : s.slice(-2));
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** The instant of a Vietnam wall-clock date and time (UTC+7, no daylight saving). */
export function instantOf(day: DayFields, time: TimeFields): number {
  return Date.UTC(day.year, day.month - 1, day.day, time.hour, time.minute) - VN_OFFSET_MS;
}

/** Why the two fields do not name a moment to show, or the moment: `range` is what the time bar reaches. */
export function readMoment(
  dayInput: string,
  timeInput: string,
  range: { from: number; to: number },
): { ok: true; at: number } | { ok: false; error: 'day' | 'time' | 'before' | 'after' } {
  const day = parseDayText(dayInput);
  if (!day) return { ok: false, error: 'day' };
  const time = parseTimeText(timeInput);
  if (!time) return { ok: false, error: 'time' };
  const at = instantOf(day, time);
  if (at < range.from) return { ok: false, error: 'before' };
  if (at > range.to) return { ok: false, error: 'after' };
  return { ok: true, at };
}
