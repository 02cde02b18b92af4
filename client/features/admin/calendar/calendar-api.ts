/** The calendar tab's calls: one year, and one day's change (admin only; CSRF header by sendJson). */
import type { AdminCalendarYear, CalendarDayChange } from '../../../../shared/contract/admin-calendar';
import { apiUrl, getJson, sendJson } from '../../../api/client';

export function fetchCalendarYear(year: number, signal?: AbortSignal): Promise<AdminCalendarYear> {
  return getJson(apiUrl(`/admin/calendar/${year}`), { signal });
}

export function putCalendarDay(year: number, date: string, change: CalendarDayChange): Promise<AdminCalendarYear> {
  return sendJson('PUT', apiUrl(`/admin/calendar/${year}/days/${date}`), change);
}
