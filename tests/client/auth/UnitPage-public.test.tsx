// @vitest-environment jsdom
/** The unit page as the public sees it: figures, no lists, no officials, a way to sign in. */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnitPage } from '../../../client/features/unit/UnitPage';
import { ANONYMOUS } from '../../../client/features/auth/session';
import { json, renderRoute, stubApi, stubResizeObserver } from '../unit/render-helpers';
import { detailFixture } from './fixtures';

vi.mock('../../../client/realtime', () => ({
  useScopeSubscription: () => ({ state: { scope: null, period: 'live', metrics: {}, asOf: null }, status: 'live', resubscribe: () => {} }),
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('UnitPage for the public', () => {
  it('shows the figures but, instead of the lists and officials, asks to sign in', async () => {
    stubResizeObserver();
    const fetchMock = stubApi([
      [/^\/api\/v1\/auth\/me$/, () => json(ANONYMOUS)],
      [/^\/api\/v1\/units\/26734$/, () => json(detailFixture())],
    ]);
    renderRoute('/units/26734', '/units/:code', <UnitPage />);
    const refused = await screen.findByTestId('unit-lists-refused', undefined, { timeout: 10_000 });
    expect(refused.textContent).toContain('Cần đăng nhập để xem nội dung này.');
    expect(screen.getByRole('link', { name: 'Đăng nhập để xem' }).getAttribute('href')).toBe('/login?next=%2Funits%2F26734');
    expect(screen.queryByTestId('unit-overdue-list')).toBeNull();
    expect(document.getElementById('officials-title')).toBeNull();
    expect(fetchMock.mock.calls.some((c) => String(c[0]).includes('/dossiers'))).toBe(false);
  });
});
