// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CalendarSection } from '../../../../client/features/admin/calendar/CalendarSection';
import type { AdminCalendarYear } from '../../../../shared/contract/admin-calendar';
import { json, renderRoute } from '../../unit/render-helpers';

const SLOW = { timeout: 5_000 };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function year2026(over: Partial<AdminCalendarYear> = {}): AdminCalendarYear {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, workingDays: 20, daysOff: 0, workingSaturdays: 0 }));
  months[0] = { month: 1, workingDays: 21, daysOff: 2, workingSaturdays: 1 };
  return {
    year: 2026,
    file: 'fixtures/calendar/2026.json',
    exists: true,
    daysOff: [
      { date: '2026-01-01', name: 'Tết Dương lịch' },
      { date: '2026-01-02', name: 'Nghỉ hoán đổi' },
    ],
    workingSaturdays: [{ date: '2026-01-10', name: 'Làm bù cho ngày nghỉ 2/1', compensates: '2026-01-02' }],
    workingDays: 249,
    months,
    years: [2025, 2026],
    coverage: { status: 'missing_next_year', year: 2027, years: [2025, 2026], message: '…' },
    pendingRestart: false,
    ...over,
  };
}

/** A fetch answering GET with `year` and PUT with `put(url, body)`; its calls are kept. */
function stubCalendar(year: AdminCalendarYear, put: (url: URL, body: unknown) => Response) {
  const mock = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    if (init?.method === 'PUT') return put(url, JSON.parse(String(init.body)));
    if (url.pathname === '/api/v1/admin/calendar/2026') return json(year);
    return json({ error: { code: 'not_found', message: 'no route' } }, 404);
  });
  vi.stubGlobal('fetch', mock);
  return mock;
}

describe('CalendarSection', () => {
  it('shows the year’s months with days off, worked Saturdays and what they compensate, the counts, the file and the missing year', async () => {
    stubCalendar(year2026(), () => json({}, 500));
    renderRoute('/admin/calendar?year=2026', '/admin/calendar', <CalendarSection />);
    const january = await screen.findByTestId('cal-month-1', undefined, SLOW);
    expect(january.textContent).toContain('Tháng 1');
    expect(january.textContent).toContain('21 ngày làm việc');
    expect(january.querySelector('[data-date="2026-01-01"]')?.getAttribute('data-kind')).toBe('day_off');
    expect(january.querySelector('[data-date="2026-01-10"]')?.getAttribute('data-kind')).toBe('working_saturday');
    expect(january.querySelector('[data-date="2026-01-11"]')?.getAttribute('data-kind')).toBe('weekend');
    expect(january.querySelector('[data-date="2026-01-05"]')?.getAttribute('data-kind')).toBe('working');
    expect(screen.getByTestId('cal-entry-2026-01-10').textContent).toContain('làm bù cho ngày nghỉ 02/01');
    expect(screen.getByTestId('cal-entry-2026-01-02').textContent).toContain('làm bù vào thứ Bảy 10/01');
    expect(screen.getAllByTestId(/^cal-month-/)).toHaveLength(12);
    const status = screen.getByTestId('cal-status');
    expect(status.textContent).toContain('Tệp lịch: fixtures/calendar/2026.json');
    expect(status.textContent).toContain('249 ngày làm việc trong năm 2026');
    expect(screen.getByTestId('cal-coverage').textContent).toContain('chưa có tệp lịch năm 2027');
    expect(screen.queryByTestId('cal-pending')).toBeNull();
  });

  it('writes a picked day as a day off and then says the change applies after the server restarts', async () => {
    const after = year2026({ pendingRestart: true, daysOff: [...year2026().daysOff, { date: '2026-01-05', name: 'Nghỉ đột xuất' }] });
    const api = stubCalendar(year2026(), () => json(after));
    renderRoute('/admin/calendar?year=2026', '/admin/calendar', <CalendarSection />);
    const january = await screen.findByTestId('cal-month-1', undefined, SLOW);
    fireEvent.click(january.querySelector('[data-date="2026-01-05"]') as HTMLElement);
    expect((screen.getByTestId('cal-editor-date') as HTMLInputElement).value).toBe('2026-01-05');
    fireEvent.change(screen.getByTestId('cal-editor-name'), { target: { value: 'Nghỉ đột xuất' } });
    fireEvent.click(screen.getByTestId('cal-editor-save'));
    expect((await screen.findByTestId('cal-notice', undefined, SLOW)).textContent).toContain('Áp dụng sau khi khởi động lại máy chủ');
    expect(screen.getByTestId('cal-pending').textContent).toContain('áp dụng sau khi khởi động lại máy chủ');
    const [url, init] = api.mock.calls.find(([, i]) => i?.method === 'PUT') as [string, RequestInit];
    expect(url).toBe('/api/v1/admin/calendar/2026/days/2026-01-05');
    expect(JSON.parse(String(init.body))).toEqual({ kind: 'day_off', name: 'Nghỉ đột xuất' });
    expect(screen.getByTestId('cal-month-1').querySelector('[data-date="2026-01-05"]')?.getAttribute('data-kind')).toBe('day_off');
  });

  it('shows the server’s reason when a change is refused, and keeps the year as it was', async () => {
    const refusal =
      'kind: 2026-01-02 is the day off that the working Saturday 2026-01-10 compensates: change or remove that Saturday first';
    stubCalendar(year2026(), () => json({ error: { code: 'invalid_body', message: refusal } }, 400));
    renderRoute('/admin/calendar?year=2026', '/admin/calendar', <CalendarSection />);
    const entry = await screen.findByTestId('cal-entry-2026-01-02', undefined, SLOW);
    fireEvent.click(within(entry).getByRole('button', { name: /Xoá ngày 02\/01/ }));
    expect((await screen.findByTestId('cal-notice', undefined, SLOW)).textContent).toBe(
      `Không ghi được: Thông tin nhập chưa hợp lệ (chi tiết: ${refusal})`,
    );
    expect(screen.getByTestId('cal-entry-2026-01-02')).toBeTruthy();
  });
});
