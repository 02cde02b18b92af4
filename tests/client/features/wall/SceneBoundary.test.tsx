// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { SceneBoundary } from '../../../../client/features/wall/SceneBoundary';

/** While true, the scene throws on every render (as a scene hitting bad data would). */
let broken = false;
let renders = 0;
function Flaky() {
  renders++;
  if (broken) throw new Error('render failed');
  return <p>scene ok</p>;
}

describe('SceneBoundary', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // React logs caught render errors; keep the test output clean.
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('shows the fallback after a rendering error, then remounts the scene by itself', () => {
    broken = true;
    render(
      <SceneBoundary fallback={<p>recovering</p>} recoverAfterMs={5_000}>
        <Flaky />
      </SceneBoundary>,
    );
    expect(screen.getByText('recovering')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(4_999);
    });
    expect(screen.queryByText('scene ok')).toBeNull();
    broken = false; // the data that broke it has moved on
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(screen.getByText('scene ok')).toBeTruthy();
  });

  it('keeps trying after repeated failures', () => {
    broken = true;
    renders = 0;
    render(
      <SceneBoundary fallback={<p>recovering</p>} recoverAfterMs={1_000}>
        <Flaky />
      </SceneBoundary>,
    );
    for (let i = 0; i < 3; i++) {
      act(() => {
        vi.advanceTimersByTime(1_000);
      });
    }
    expect(screen.getByText('recovering')).toBeTruthy();
    expect(renders).toBeGreaterThanOrEqual(4); // first mount and three remounts, each failing
    broken = false;
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(screen.getByText('scene ok')).toBeTruthy();
  });

  it('gives up (the wall reloads the page) after too many failures in the window', () => {
    broken = true;
    const onGiveUp = vi.fn();
    render(
      <SceneBoundary fallback={<p>recovering</p>} recoverAfterMs={1_000} maxRecoveries={3} windowMs={60_000} onGiveUp={onGiveUp}>
        <Flaky />
      </SceneBoundary>,
    );
    for (let i = 0; i < 6; i++) {
      act(() => {
        vi.advanceTimersByTime(1_000);
      });
    }
    expect(onGiveUp).toHaveBeenCalled();
    broken = false;
  });
});
