// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { initI18n } from '../../../../client/i18n';
import { FeedScene } from '../../../../client/features/wall/scenes/FeedScene';
import type { WallAlert } from '../../../../client/features/wall/buffers';

beforeAll(() => {
  initI18n('vi');
});
afterEach(cleanup);

const alert = (over: Partial<WallAlert> = {}): WallAlert => ({
  kind: 'dossier',
  id: 'D-1',
  unit: '26740',
  unitName: 'Phường Bến Thành',
  title: 'Đăng ký khai sinh',
  dueAt: '2026-11-20T08:30:00.000+07:00',
  at: '2026-11-20T08:30:00.000+07:00',
  holderName: null,
  receivedAt: 0,
  ...over,
});

const counts = {
  today: 5,
  lastHour: 2,
  byUnit: [
    { code: '26740', name: 'Phường Bến Thành', today: 3, lastHour: 2 },
    { code: '26743', name: 'Phường Sài Gòn', today: 2, lastHour: 0 },
  ],
};

describe('FeedScene', () => {
  it('shows the public the recent alerts without names, the counts of the last hour and today, and says it is the public view', () => {
    render(
      <FeedScene
        alerts={[alert(), alert({ id: 'T-1', kind: 'task', title: 'Rà soát thủ tục' })]}
        today="2026-11-20"
        newlyOverdue={counts}
        anonymous
      />,
    );
    const scene = screen.getByTestId('wall-scene-feed');
    expect(scene.querySelectorAll('[data-testid="wall-alerts"] li')).toHaveLength(2);
    expect(scene.textContent).not.toContain('Cán bộ xử lý');
    expect(screen.getByTestId('wall-newly-overdue-hour').textContent).toBe('2Quá hạn mới trong 1 giờ qua');
    expect(screen.getByTestId('wall-newly-overdue-today').textContent).toBe('5Quá hạn mới hôm nay');
    expect(scene.querySelector('.wall-feed__unit[data-unit="26740"]')?.textContent).toBe('Phường Bến Thành32 trong 1 giờ qua');
    expect(scene.textContent).toContain('Bản công khai: không hiển thị tên cán bộ, người dân.');
  });

  it('names the official to a display and does not call itself public', () => {
    render(<FeedScene alerts={[alert({ holderName: 'Nguyễn Văn A' })]} today="2026-11-20" newlyOverdue={counts} anonymous={false} />);
    const scene = screen.getByTestId('wall-scene-feed');
    expect(scene.textContent).toContain('Cán bộ xử lý: Nguyễn Văn A');
    expect(scene.textContent).not.toContain('Bản công khai');
  });

  it('shows a dossier due on a bare date as "Hết ngày" and its date, never as 23:59', () => {
    render(
      <FeedScene
        alerts={[alert({ at: '2026-12-04T23:59:59.999+07:00', dueAt: '2026-12-04T23:59:59.999+07:00' })]}
        today="2026-12-06"
        newlyOverdue={counts}
        anonymous
      />,
    );
    const time = screen.getByTestId('wall-alerts').querySelector('time')!;
    expect(time.textContent).toBe('Hết ngày04/12');
    expect(screen.getByTestId('wall-scene-feed').textContent).not.toContain('23:59');
  });

  it('says so when nothing became overdue today', () => {
    render(<FeedScene alerts={[]} today="2026-11-20" newlyOverdue={{ today: 0, lastHour: 0, byUnit: [] }} anonymous />);
    expect(screen.getByTestId('wall-newly-overdue').textContent).toContain('Hôm nay chưa có hồ sơ, nhiệm vụ nào mới quá hạn.');
  });
});
