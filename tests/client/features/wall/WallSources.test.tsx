// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { initI18n } from '../../../../client/i18n';
import { WallSources } from '../../../../client/features/wall/WallSources';
import type { SourceFreshness } from '../../../../shared/contract/api';

beforeAll(() => {
  initI18n('vi');
});
afterEach(cleanup);

const base: Omit<SourceFreshness, 'name' | 'state' | 'silent'> = {
  kind: 'dossier',
  lastEventAt: null,
  lastSeenAt: null,
  lagMs: null,
  quietMs: null,
  silentAfterMs: 600_000,
  hours: 'office',
  clockSkewMs: null,
  clockSkewSamples: 0,
  clockSkewLarge: false,
  clockSkewWarnMs: 900_000,
};

describe('WallSources', () => {
  it('names every source on the status bar with its state in words', () => {
    render(
      <WallSources
        sources={[
          { ...base, name: 'ward-26740', state: 'live', silent: false },
          { ...base, name: 'docs', state: 'late', silent: false },
          { ...base, name: 'old', state: 'silent', silent: true },
        ]}
      />,
    );
    const bar = screen.getByTestId('wall-sources');
    expect(bar.textContent).toContain('Nguồn dữ liệu:');
    expect(bar.textContent).toContain('ward-26740 — Trực tiếp');
    expect(bar.textContent).toContain('docs — Chậm');
    expect(bar.textContent).toContain('old — Chưa cập nhật');
    expect(bar.querySelector('[data-source="old"]')?.getAttribute('data-state')).toBe('silent');
    // Silent first, then late: what matters stays visible when the bar is cut off.
    expect([...bar.querySelectorAll('li')].map((li) => li.getAttribute('data-source'))).toEqual(['old', 'docs', 'ward-26740']);
  });

  it('says each state is unknown, not live, once the wall has lost its connection', () => {
    render(<WallSources known={false} sources={[{ ...base, name: 'ward-26740', state: 'live', silent: false }]} />);
    const bar = screen.getByTestId('wall-sources');
    expect(bar.textContent).toContain('ward-26740 — Không rõ (mất kết nối)');
    expect(bar.textContent).not.toContain('Trực tiếp');
    expect(bar.querySelector('[data-source="ward-26740"]')?.getAttribute('data-state')).toBe('unknown');
  });

  it('shows nothing without sources', () => {
    const { container } = render(<WallSources sources={[]} />);
    expect(container.textContent).toBe('');
  });
});
