// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import type { AtRiskDossier, AtRiskDossierList } from '../../../../shared/contract/early-warning';
import type { createFakeSocket } from '../../realtime/fake-socket';
import { json, renderRoute, stubApi } from '../../unit/render-helpers';

const fake = vi.hoisted(() => ({ ref: null as null | ReturnType<typeof createFakeSocket> }));
vi.mock('../../../../client/realtime/socket', async () => {
  const { createFakeSocket, FAKE_EV } = await import('../../realtime/fake-socket');
  fake.ref = createFakeSocket();
  return { EV: FAKE_EV, getSocket: () => fake.ref!.socket };
});
const { EarlyWarningPanel } = await import('../../../../client/features/early-warning/EarlyWarningPanel');

const item = (over: Partial<AtRiskDossier>): AtRiskDossier => ({
  id: 'HS-1',
  unit: '26740',
  unitName: 'Phường Sài Gòn',
  procedureName: 'Đăng ký khai sinh',
  field: 'Hộ tịch',
  dueAt: '2026-12-02T17:00:00.000+07:00',
  status: 'orange',
  reason: 'idle',
  atRisk: true,
  workingHoursLeft: 6.5,
  idleWorkingHours: 9,
  lastEventAt: '2026-12-01T08:00:00.000+07:00',
  holderId: 'cb1',
  holderName: 'Nguyễn Thị Lan',
  ...over,
});

function list(items: AtRiskDossier[], counts = { red: 1, orange: 1, green: 0, grey: 0 }): AtRiskDossierList {
  return {
    asOf: '2026-12-02T09:00:00.000+07:00',
    rule: { dueWithinWorkingHours: 8, idleWorkingHours: 8 },
    official: null,
    counts,
    total: items.length,
    page: 1,
    pageSize: 12,
    items,
  };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the overview’s early-warning panel', () => {
  it('lists what will be late or is at risk, soonest first, with the colour in words, the unit, the holder, and the colour key', async () => {
    const api = stubApi([
      [
        /^\/api\/v1\/city\/at-risk$/,
        () => json(list([item({ id: 'HS-0', status: 'red', reason: 'no_time_left', dueAt: '2026-12-02T11:30:00.000+07:00' }), item({})])),
      ],
    ]);
    renderRoute('/', '/', <EarlyWarningPanel scope="city" canList atRiskCount={1} />);
    const rows = (await screen.findByTestId('early-warning-list')).children;
    expect([...rows].map((r) => r.getAttribute('data-status'))).toEqual(['red', 'orange']);
    expect(rows[0].textContent).toContain('Sẽ trễ hạn');
    expect(rows[0].textContent).toContain('Không còn giờ làm việc trước hạn');
    expect(rows[1].textContent).toContain('Có nguy cơ');
    expect(rows[1].textContent).toContain(
      'Phường Sài Gòn · Nguyễn Thị Lan · Hạn giải quyết 02/12/2026 17:00 · Không cập nhật 9 giờ làm việc',
    );
    expect(screen.getByTestId('early-warning-panel').textContent).toContain(
      'Hồ sơ sẽ trễ hạn hoặc có nguy cơ trễ hạn, đến hạn trong 8 giờ làm việc tới, hạn gần nhất trước',
    );
    expect(String(api.mock.calls.find(([u]) => String(u).includes('/at-risk'))?.[0])).toContain('status=red%2Corange');
    expect(screen.getByTestId('warning-legend').textContent).toContain(
      'Cam – có nguy cơ: đến hạn trong 8 giờ làm việc và không có cập nhật trong 8 giờ làm việc',
    );
  });

  it('reads the list again when an at_risk alert arrives', async () => {
    const api = stubApi([[/^\/api\/v1\/units\/26740\/at-risk$/, () => json(list([item({})]))]]);
    renderRoute('/', '/', <EarlyWarningPanel scope="unit:26740" canList atRiskCount={1} />);
    await screen.findByTestId('early-warning-list');
    const asked = () => api.mock.calls.filter(([u]) => String(u).includes('/at-risk')).length;
    expect(asked()).toBe(1);
    act(() => fake.ref!.fire('alert:raised', { kind: 'dossier', id: 'X' }));
    act(() => fake.ref!.fire('alert:raised', { kind: 'at_risk', id: 'HS-2' }));
    await waitFor(() => expect(asked()).toBe(2));
  });

  it('gives the public the count only, and says that the list needs a login', async () => {
    const api = stubApi([]);
    renderRoute('/', '/', <EarlyWarningPanel scope="city" canList={false} atRiskCount={14} />);
    const panel = screen.getByTestId('early-warning-panel');
    expect(panel.textContent).toContain('14 hồ sơ có nguy cơ trễ hạn ngay lúc này.');
    expect(panel.textContent).toContain('Đăng nhập để xem danh sách hồ sơ và cán bộ đang giữ.');
    expect(api.mock.calls.filter(([u]) => String(u).includes('/at-risk'))).toEqual([]);
  });
});
