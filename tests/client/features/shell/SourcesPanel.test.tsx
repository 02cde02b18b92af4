// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { i18next, initI18n } from '../../../../client/i18n';
import { SourcesPanel } from '../../../../client/features/shell/SourcesPanel';
import type { SourceFreshness } from '../../../../shared/contract/api';

beforeAll(() => {
  initI18n('vi');
});
afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('vi');
});

function source(over: Partial<SourceFreshness>): SourceFreshness {
  return {
    name: 'ward-26740',
    kind: 'dossier',
    lastEventAt: '2026-12-04T16:50:00.000+07:00',
    lastSeenAt: '2026-12-04T16:55:00.000+07:00',
    lagMs: 3 * 60_000,
    quietMs: 3 * 60_000,
    silentAfterMs: 10 * 60_000,
    hours: 'office',
    state: 'live',
    silent: false,
    clockSkewMs: null,
    clockSkewSamples: 0,
    clockSkewLarge: false,
    clockSkewWarnMs: 15 * 60_000,
    ...over,
  };
}

describe('SourcesPanel', () => {
  it('shows how many sources are live in the header button', () => {
    render(<SourcesPanel sources={[source({}), source({ name: 'docs', kind: 'task' })]} />);
    const button = screen.getByTestId('sources-button');
    expect(button.textContent).toContain('Nguồn dữ liệu: 2/2 trực tiếp');
    expect(button.getAttribute('data-worst')).toBe('live');
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('says the sources are unknown, not "2/2 trực tiếp", once no clock tick has come for a while', () => {
    render(<SourcesPanel known={false} sources={[source({}), source({ name: 'docs', kind: 'task' })]} />);
    const button = screen.getByTestId('sources-button');
    expect(button.textContent).toBe('Nguồn dữ liệu: không rõ (mất kết nối)');
    expect(button.getAttribute('data-worst')).toBe('unknown');
    fireEvent.click(button);
    expect(screen.getByTestId('sources-panel').textContent).toContain('trạng thái dưới đây là của lần cập nhật cuối');
  });

  it('opens a list with each source: last event time, lag and state in Vietnamese', () => {
    render(
      <SourcesPanel
        sources={[
          source({}),
          source({ name: 'late-src', lagMs: (2 * 60 + 5) * 60_000, state: 'late' }),
          source({
            name: 'night-src',
            kind: 'task',
            hours: 'always',
            silentAfterMs: 15 * 60_000,
            lastEventAt: null,
            lastSeenAt: null,
            lagMs: null,
            state: 'silent',
            silent: true,
          }),
        ]}
      />,
    );
    const button = screen.getByTestId('sources-button');
    expect(button.textContent).toContain('1/3 trực tiếp');
    expect(button.getAttribute('data-worst')).toBe('silent');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByTestId('sources-panel');
    expect(panel.textContent).toContain('Cập nhật lúc');
    const live = screen.getByTestId('source-ward-26740');
    expect(live.textContent).toContain('16:55'); // when it last sent: the lag counts from there
    expect(live.textContent).toContain('Sự kiện mới nhất: 04/12/2026 16:50');
    expect(live.textContent).toContain('3 phút');
    expect(live.textContent).toContain('Trực tiếp');
    expect(live.textContent).toContain('Chưa cập nhật sau 10 phút làm việc (giờ hành chính)');
    expect(screen.getByTestId('source-late-src').textContent).toContain('2 giờ 05 phút');
    expect(screen.getByTestId('source-late-src').textContent).toContain('Chậm');
    const silent = screen.getByTestId('source-night-src');
    expect(silent.getAttribute('data-state')).toBe('silent');
    expect(silent.textContent).toContain('Chưa gửi dữ liệu');
    expect(silent.textContent).toContain('Chưa cập nhật sau 15 phút (cả ngày đêm)');
  });

  it('shows each source’s clock skew with what it means, and warns past the threshold', () => {
    render(
      <SourcesPanel
        sources={[
          source({ clockSkewMs: 3 * 60_000 + 10_000, clockSkewSamples: 1_001 }),
          source({ name: 'fast-clock', clockSkewMs: -40_000, clockSkewSamples: 12 }),
          source({ name: 'late-ward', clockSkewMs: (60 + 5) * 60_000, clockSkewSamples: 300, clockSkewLarge: true }),
          source({ name: 'new-src' }),
        ]}
      />,
    );
    fireEvent.click(screen.getByTestId('sources-button'));
    const skew = screen.getByTestId('source-skew-ward-26740');
    expect(skew.textContent).toBe('Lệch giờ: +3 phút');
    expect(skew.getAttribute('title')).toContain('trung vị');
    expect(skew.getAttribute('title')).toContain('1.001 sự kiện gần nhất');
    expect(skew.getAttribute('data-large')).toBe('false');
    expect(screen.getByTestId('source-skew-fast-clock').textContent).toBe('Lệch giờ: −40 giây');
    const late = screen.getByTestId('source-skew-late-ward');
    expect(late.getAttribute('data-large')).toBe('true');
    expect(late.textContent).toContain('⚠');
    expect(late.textContent).toContain('Lệch giờ: +1 giờ 05 phút');
    expect(late.textContent).toContain('Lệch quá 15 phút: kiểm tra đồng hồ của hệ thống nguồn');
    // Before its first event, no figure is made up.
    expect(screen.queryByTestId('source-skew-new-src')).toBeNull();
  });

  it('words the clock skew in English when switched', async () => {
    await i18next.changeLanguage('en');
    render(<SourcesPanel sources={[source({ clockSkewMs: 3 * 60_000, clockSkewSamples: 5 })]} />);
    fireEvent.click(screen.getByTestId('sources-button'));
    expect(screen.getByTestId('source-skew-ward-26740').textContent).toBe('Clock skew: +3 min');
  });

  it('closes with Escape', () => {
    render(<SourcesPanel sources={[source({})]} />);
    fireEvent.click(screen.getByTestId('sources-button'));
    expect(screen.queryByTestId('sources-panel')).not.toBeNull();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('sources-panel')).toBeNull();
  });

  it('speaks English when switched', async () => {
    await i18next.changeLanguage('en');
    render(<SourcesPanel sources={[source({ state: 'late' })]} />);
    expect(screen.getByTestId('sources-button').textContent).toContain('Data sources: 0/1 live');
    fireEvent.click(screen.getByTestId('sources-button'));
    expect(screen.getByTestId('source-ward-26740').textContent).toContain('Late');
  });

  it('shows nothing before the first clock tick, and says when there is no source', () => {
    const { container } = render(<SourcesPanel sources={null} />);
    expect(container.textContent).toBe('');
    render(<SourcesPanel sources={[]} />);
    expect(screen.getByTestId('sources-button').textContent).toContain('Nguồn dữ liệu: chưa có nguồn');
  });
});
