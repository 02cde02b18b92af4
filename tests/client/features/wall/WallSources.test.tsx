// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { initI18n } from '../../../../client/i18n';
import { WALL_SOURCES_NAMED_MAX, WallSources } from '../../../../client/features/wall/WallSources';
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

const src = (name: string, state: SourceFreshness['state']): SourceFreshness => ({ ...base, name, state, silent: state === 'silent' });

describe('WallSources', () => {
  it('names a single source with its state in words', () => {
    render(<WallSources sources={[src('ward-26740', 'live')]} />);
    const bar = screen.getByTestId('wall-sources');
    expect(bar.textContent).toBe('Nguồn dữ liệu:● ward-26740 — Trực tiếp');
    expect(screen.queryByTestId('wall-sources-count')).toBeNull();
  });

  it('counts several live sources as the header does and names none of them', () => {
    render(<WallSources sources={[src('demo-simulator', 'live'), src('demo-simulator-tasks', 'live')]} />);
    const bar = screen.getByTestId('wall-sources');
    expect(bar.textContent).toBe('Nguồn dữ liệu:● 2/2 trực tiếp');
    expect(bar.getAttribute('data-summary')).toBe('2/2');
    expect(bar.querySelectorAll('li')).toHaveLength(0);
  });

  it('names the late and silent sources by name and state after the count, silent first', () => {
    render(<WallSources sources={[src('ward-26740', 'live'), src('docs', 'late'), src('old', 'silent')]} />);
    const bar = screen.getByTestId('wall-sources');
    expect(screen.getByTestId('wall-sources-count').textContent).toBe('⚠ 1/3 trực tiếp');
    expect(bar.textContent).toContain('docs — Chậm');
    expect(bar.textContent).toContain('old — Chưa cập nhật');
    expect(bar.textContent).not.toContain('ward-26740');
    expect(bar.querySelector('[data-source="old"]')?.getAttribute('data-state')).toBe('silent');
    expect([...bar.querySelectorAll('li')].map((li) => li.getAttribute('data-source'))).toEqual(['old', 'docs']);
  });

  it(`names at most ${WALL_SOURCES_NAMED_MAX} exceptions and counts the rest`, () => {
    const late = ['a', 'b', 'c', 'd', 'e'].map((n) => src(n, 'late'));
    render(<WallSources sources={[src('live-one', 'live'), ...late]} />);
    const bar = screen.getByTestId('wall-sources');
    expect(bar.querySelectorAll('li[data-source]')).toHaveLength(WALL_SOURCES_NAMED_MAX);
    expect(bar.textContent).toContain(`+${5 - WALL_SOURCES_NAMED_MAX} nguồn khác`);
  });

  it('says the states are unknown, with no count and no name said live, once the wall has lost its connection', () => {
    render(<WallSources known={false} sources={[src('ward-26740', 'live'), src('old', 'silent')]} />);
    const bar = screen.getByTestId('wall-sources');
    expect(bar.textContent).toBe('Nguồn dữ liệu:? 2 nguồn — Không rõ (mất kết nối)');
    expect(bar.getAttribute('data-summary')).toBe('unknown');
    cleanup();
    render(<WallSources known={false} sources={[src('ward-26740', 'live')]} />);
    expect(screen.getByTestId('wall-sources').textContent).toContain('ward-26740 — Không rõ (mất kết nối)');
    expect(screen.getByTestId('wall-sources').textContent).not.toContain('Trực tiếp');
  });

  it('shows nothing without sources', () => {
    const { container } = render(<WallSources sources={[]} />);
    expect(container.textContent).toBe('');
  });
});
