// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { AsOf } from '../../../../client/features/shell/AsOf';
import { useAnnounceReplay } from '../../../../client/features/replay/replay-active';
import { initI18n } from '../../../../client/i18n';

function ReplayingView({ at }: { at: number | null }) {
  useAnnounceReplay(at);
  return null;
}

const NOW = '2026-12-07T06:41:05.000Z'; // 13:41:05 in Vietnam
const TUESDAY_10 = Date.parse('2026-12-01T10:00:00+07:00');

describe('the header\'s "Cập nhật lúc"', () => {
  initI18n('vi');
  afterEach(cleanup);

  it("says the server's time of day while the page is live", () => {
    render(<AsOf now={NOW} />);
    expect(screen.getByTestId('data-as-of').textContent).toBe('Cập nhật lúc 13:41:05');
  });

  it('says the replayed moment, not the time now, while a view replays, and the time now again after', () => {
    const { rerender } = render(
      <>
        <AsOf now={NOW} />
        <ReplayingView at={TUESDAY_10} />
      </>,
    );
    expect(screen.getByTestId('data-as-of').textContent).toBe('Số liệu lúc 10:00 1/12/2026');
    expect(screen.getByTestId('data-as-of').getAttribute('data-as-of')).toBe('2026-12-01T03:00:00.000Z');
    rerender(
      <>
        <AsOf now={NOW} />
        <ReplayingView at={null} />
      </>,
    );
    expect(screen.getByTestId('data-as-of').textContent).toBe('Cập nhật lúc 13:41:05');
  });
});
