// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ConnectionIndicator } from '../../../../client/features/shell/ConnectionIndicator';
import { useAnnounceReplay } from '../../../../client/features/replay/replay-active';
import { initI18n } from '../../../../client/i18n';

function ReplayingView({ replaying }: { replaying: boolean }) {
  useAnnounceReplay(replaying ? Date.parse('2026-12-01T10:00:00+07:00') : null);
  return null;
}

describe('ConnectionIndicator', () => {
  initI18n('vi');
  afterEach(cleanup);

  it('says "Trực tiếp" while the page shows live figures', () => {
    render(<ConnectionIndicator status="live" />);
    expect(screen.getByTestId('connection-status').textContent).toBe('●Trực tiếp');
  });

  it('never says "Trực tiếp" over a replayed moment, and says live again once the replay ends', () => {
    const { rerender } = render(
      <>
        <ConnectionIndicator status="live" />
        <ReplayingView replaying />
      </>,
    );
    expect(screen.getByTestId('connection-status').textContent).toBe('❚❚Đang xem lại');
    expect(screen.getByTestId('connection-status').getAttribute('data-status')).toBe('replay');
    rerender(
      <>
        <ConnectionIndicator status="live" />
        <ReplayingView replaying={false} />
      </>,
    );
    expect(screen.getByTestId('connection-status').textContent).toBe('●Trực tiếp');
  });
});
