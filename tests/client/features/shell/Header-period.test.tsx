// @vitest-environment jsdom
/**
 * The header's period switch (Hôm nay…Năm nay) is shown only where it is the page's period: the Index
 * page has its own month/quarter/year selector, so a pressed "Hôm nay" there would claim a period the
 * figures below are not for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { Header } from '../../../../client/features/shell/Header';
import { renderRoute, stubApi, stubResizeObserver } from '../../unit/render-helpers';

afterEach(cleanup);

describe('header period switch', () => {
  it('is offered on the overview and a unit page', () => {
    stubApi([]);
    stubResizeObserver();
    renderRoute('/?period=today', '/', <Header />);
    expect(screen.getByTestId('period-switch')).toBeTruthy();
    cleanup();
    renderRoute('/units/26734', '/units/:code', <Header />);
    expect(screen.getByTestId('period-switch')).toBeTruthy();
  });

  it('is not offered on the Index page, whose own selector names the period', () => {
    stubApi([]);
    stubResizeObserver();
    renderRoute('/index?period=month', '/index', <Header />);
    expect(screen.queryByTestId('period-switch')).toBeNull();
  });

  it('is not offered on the administration pages', () => {
    stubApi([]);
    stubResizeObserver();
    renderRoute('/admin/users', '/admin/*', <Header />);
    expect(screen.queryByTestId('period-switch')).toBeNull();
  });
});
