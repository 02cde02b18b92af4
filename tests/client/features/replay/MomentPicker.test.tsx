// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { initI18n } from '../../../../client/i18n';
import { MomentPicker } from '../../../../client/features/replay/MomentPicker';

const at = (iso: string) => Date.parse(iso);
const RANGE = { from: at('2026-11-02T10:00:00+07:00'), to: at('2026-12-07T10:30:00+07:00') };
const AT = at('2026-12-06T10:00:00+07:00');

afterEach(cleanup);

async function setup(lang: 'vi' | 'en' = 'vi', moment: number | null = AT) {
  await initI18n('vi').changeLanguage(lang);
  const onPick = vi.fn();
  render(<MomentPicker at={moment} range={RANGE} label="Thời điểm" onPick={onPick} />);
  const day = screen.getByRole('textbox', { name: lang === 'vi' ? /Ngày/ : /Date/ }) as HTMLInputElement;
  const time = screen.getByRole('textbox', { name: lang === 'vi' ? /Giờ/ : /Time/ }) as HTMLInputElement;
  return { onPick, day, time };
}

describe('MomentPicker', () => {
  beforeAll(() => {
    initI18n('vi');
  });

  it('shows the moment as dd/mm/yyyy and a 24-hour time, in Vietnamese and in English alike', async () => {
    const viFields = await setup('vi');
    expect([viFields.day.value, viFields.time.value]).toEqual(['06/12/2026', '10:00']);
    expect(screen.getByText('Ngày (ngày/tháng/năm)')).toBeTruthy();
    cleanup();
    const enFields = await setup('en');
    expect([enFields.day.value, enFields.time.value]).toEqual(['06/12/2026', '10:00']);
    expect(screen.getByText('Date (dd/mm/yyyy)')).toBeTruthy();
    expect(screen.getByText('Time (24-hour)')).toBeTruthy();
    await initI18n('vi').changeLanguage('vi');
  });

  it('shows the moment typed on Enter', async () => {
    const { onPick, day, time } = await setup();
    fireEvent.change(day, { target: { value: '1/12/2026' } });
    fireEvent.change(time, { target: { value: '14h30' } });
    fireEvent.submit(time.form!);
    expect(onPick).toHaveBeenCalledWith(at('2026-12-01T14:30:00+07:00'));
  });

  it('moves by a day with ↑/↓ in the date field and by an hour in the time field', async () => {
    const { onPick, day, time } = await setup();
    fireEvent.keyDown(day, { key: 'ArrowDown' });
    expect(onPick).toHaveBeenLastCalledWith(AT - 86_400_000);
    fireEvent.keyDown(time, { key: 'ArrowUp' });
    expect(onPick).toHaveBeenLastCalledWith(AT + 3_600_000);
    fireEvent.keyDown(day, { key: 'PageDown' });
    expect(onPick).toHaveBeenLastCalledWith(AT - 7 * 86_400_000);
  });

  it('says in words what is wrong and moves nothing', async () => {
    const { onPick, day, time } = await setup();
    fireEvent.change(day, { target: { value: '12/31/2026' } });
    fireEvent.submit(day.form!);
    expect(screen.getByTestId('moment-picker-error').textContent).toContain('Ngày chưa đúng');
    expect(day.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(day, { target: { value: '01/10/2026' } });
    fireEvent.submit(day.form!);
    expect(screen.getByTestId('moment-picker-error').textContent).toBe('Chỉ xem lại được từ 02/11/2026 10:00 đến 07/12/2026 10:30.');
    fireEvent.change(day, { target: { value: '06/12/2026' } });
    fireEvent.change(time, { target: { value: '10 PM' } });
    fireEvent.submit(day.form!);
    expect(screen.getByTestId('moment-picker-error').textContent).toContain('Giờ chưa đúng');
    expect(onPick).not.toHaveBeenCalled();
  });

  it('starts empty without a moment and stays quiet until one is typed', async () => {
    const { onPick, day, time } = await setup('vi', null);
    expect([day.value, time.value]).toEqual(['', '']);
    fireEvent.submit(day.form!);
    expect(screen.queryByTestId('moment-picker-error')).toBeNull();
    fireEvent.keyDown(day, { key: 'ArrowUp' });
    expect(onPick).not.toHaveBeenCalled();
  });
});
