/** Weekday names and "weekday, date" labels of Vietnam calendar days (YYYY-MM-DD), in the UI language. */
import type { Lang } from './format';

/** Weekday names as Vietnamese offices write them (Intl gives "Chủ Nhật"), Sunday first. */
export const VI_WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The weekday (0 = Sunday) of a day key; the date is a calendar day, so no time zone is involved. */
export function weekdayOf(key: string): number {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12)).getUTCDay();
}

/** "Thứ Hai, 07/12" / "Monday, 07/12"; with the year "Chủ nhật, 06/12/2026". */
export function weekdayDate(key: string, lang: Lang, withYear = false): string {
  const [y, m, d] = key.split('-').map(Number);
  const date = `${pad2(d)}/${pad2(m)}${withYear ? `/${y}` : ''}`;
  const wd = weekdayOf(key);
  return `${(lang === 'en' ? EN_WEEKDAYS : VI_WEEKDAYS)[wd]}, ${date}`;
}
