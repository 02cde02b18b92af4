// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { resetFirstScreen, useAfterFirstScreen } from '../../../client/lib/after-first-screen';

function Probe({ ready, maxMs }: { ready: boolean; maxMs?: number }) {
  return <p data-testid="probe">{useAfterFirstScreen(ready, maxMs) ? 'after' : 'first screen'}</p>;
}

beforeEach(() => {
  resetFirstScreen();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const text = (view: ReturnType<typeof render>) => view.getByTestId('probe').textContent;

describe('useAfterFirstScreen', () => {
  it('holds back until ready, then passes after a frame and an idle moment', async () => {
    const view = render(<Probe ready={false} />);
    await act(async () => vi.advanceTimersByTime(500));
    expect(text(view)).toBe('first screen');
    view.rerender(<Probe ready />);
    await act(async () => vi.advanceTimersByTime(400));
    expect(text(view)).toBe('after');
  });

  it('passes at the latest after its bound, ready or not', async () => {
    const view = render(<Probe ready={false} maxMs={1_000} />);
    await act(async () => vi.advanceTimersByTime(999));
    expect(text(view)).toBe('first screen');
    await act(async () => vi.advanceTimersByTime(1));
    expect(text(view)).toBe('after');
  });

  it('stays passed for the page: a later mount does not wait again', async () => {
    const first = render(<Probe ready />);
    await act(async () => vi.advanceTimersByTime(400));
    first.unmount();
    const later = render(<Probe ready={false} />);
    expect(text(later)).toBe('after');
  });
});
