// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { AtRiskDossierList } from '../../../../shared/contract/early-warning';
import { AtRiskList, readLevels } from '../../../../client/features/early-warning/AtRiskList';
import { json, renderRoute, stubApi } from '../../unit/render-helpers';

const body: AtRiskDossierList = {
  asOf: '2026-12-02T09:00:00.000+07:00',
  rule: { dueWithinWorkingHours: 8, idleWorkingHours: 8 },
  official: 'cb1',
  counts: { red: 0, orange: 1, green: 3, grey: 1 },
  total: 1,
  page: 1,
  pageSize: 50,
  items: [
    {
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
    },
  ],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the unit page’s early-warning list', () => {
  it('keeps one official’s dossiers (?official=), says whose in its caption, and lists red and orange first by default', async () => {
    const api = stubApi([[/^\/api\/v1\/units\/26740\/at-risk$/, () => json(body)]]);
    renderRoute('/units/26740?tab=at_risk&official=cb1', '/units/:code', <AtRiskList scope="unit:26740" />);
    await screen.findByTestId('at-risk-row-HS-1');
    const url = new URL(String(api.mock.calls.find(([u]) => String(u).includes('/at-risk'))?.[0]), 'http://x');
    expect(url.searchParams.get('official')).toBe('cb1');
    expect(url.searchParams.get('status')).toBe('red,orange');
    expect(screen.getByTestId('at-risk-block').textContent).toContain(
      'Hồ sơ cán bộ Nguyễn Thị Lan đang giữ, đến hạn trong 8 giờ làm việc tới',
    );
    expect(screen.getByTestId('at-risk-row-HS-1').textContent).toContain('Có nguy cơ');
    expect(screen.getByTestId('at-risk-row-HS-1').textContent).toContain('Không cập nhật 9 giờ làm việc');
  });

  it('adds a level to the list when its count is pressed', async () => {
    const api = stubApi([[/^\/api\/v1\/units\/26740\/at-risk$/, () => json(body)]]);
    renderRoute('/units/26740?tab=at_risk', '/units/:code', <AtRiskList scope="unit:26740" />);
    await screen.findByTestId('at-risk-row-HS-1');
    const green = screen.getByRole('button', { name: /Đúng tiến độ/ });
    expect(green.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(green);
    await waitFor(() =>
      expect(api.mock.calls.map(([u]) => new URL(String(u), 'http://x').searchParams.get('status'))).toContain('red,orange,green'),
    );
  });

  it('reads the levels from the URL, dropping unknown words', () => {
    expect(readLevels('green,purple,red')).toEqual(['red', 'green']);
    expect(readLevels(null)).toEqual(['red', 'orange']);
    expect(readLevels('purple')).toEqual(['red', 'orange']);
  });
});
