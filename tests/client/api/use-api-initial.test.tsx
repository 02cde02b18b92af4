// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { useApi } from '../../../client/api/hooks';

afterEach(cleanup);

function Probe({ period, initial, calls }: { period: string; initial?: () => string | undefined; calls: string[] }) {
  const s = useApi(
    async () => {
      calls.push(period);
      return `answer for ${period}`;
    },
    [period],
    initial,
  );
  return <p data-testid="probe">{`${s.data ?? 'none'} | ${s.loading ? 'loading' : 'idle'}`}</p>;
}

describe('useApi with a first answer', () => {
  it('draws the first answer in the first render and does not ask for it again; a change of its arguments asks', async () => {
    const calls: string[] = [];
    const view = render(<Probe period="month" initial={() => 'preloaded month'} calls={calls} />);
    expect(view.getByTestId('probe').textContent).toBe('preloaded month | idle');
    await act(async () => undefined);
    expect(calls).toEqual([]);
    view.rerender(<Probe period="today" initial={() => 'preloaded month'} calls={calls} />);
    await act(async () => undefined);
    expect(calls).toEqual(['today']);
    expect(view.getByTestId('probe').textContent).toBe('answer for today | idle');
  });

  it('asks as before when there is no first answer (it has not arrived, or it is too old)', async () => {
    const calls: string[] = [];
    const view = render(<Probe period="month" initial={() => undefined} calls={calls} />);
    expect(view.getByTestId('probe').textContent).toBe('none | loading');
    await act(async () => undefined);
    expect(calls).toEqual(['month']);
    expect(view.getByTestId('probe').textContent).toBe('answer for month | idle');
  });
});
