// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DossierTimeline } from '../../../client/features/item/DossierTimeline';
import { STRIP_WIDTH } from '../../../client/features/item/TimelineStrip';
import { initI18n } from '../../../client/i18n';
import { dossier, hold, vn } from './factories';

afterEach(cleanup);

function renderTimeline(d = dossier()) {
  initI18n('vi');
  return render(<DossierTimeline dossier={d} now={Date.parse(d.asOf)} />);
}

const num = (el: Element, attr: string) => Number(el.getAttribute(attr));

describe('DossierTimeline', () => {
  it('draws a hold held beyond its allotted time with a warning part starting at the step due time', () => {
    const d = dossier({
      receivedAt: vn(3),
      originalDueAt: vn(6, 17),
      dueAt: vn(6, 17),
      holds: [
        hold({
          handlerId: 'a',
          handlerName: 'Nguyễn Văn An',
          from: vn(3),
          to: vn(4),
          stepDueAt: vn(5),
          heldDays: 1,
          allottedDays: 2,
          delayDays: 0,
        }),
        hold({
          handlerId: 'b',
          handlerName: 'Trần Thị Bình',
          from: vn(4),
          to: vn(11),
          stepDueAt: vn(6),
          heldDays: 5,
          allottedDays: 2,
          delayDays: 3,
        }),
      ],
    });
    renderTimeline(d);
    const strip = screen.getByTestId('dossier-timeline');

    // Within its time: no warning part.
    expect(within(strip).queryByTestId('tl-over-hold-0')).toBeNull();

    // Beyond: the warning part runs from the step's due time to the hand-over.
    const within1 = within(strip).getByTestId('tl-within-hold-1');
    const over1 = within(strip).getByTestId('tl-over-hold-1');
    expect(num(over1, 'width')).toBeGreaterThan(0);
    expect(num(over1, 'x')).toBeCloseTo(num(within1, 'x') + num(within1, 'width'), 6);
    // Overdue time (6→11 Nov) is longer than the allowed time (4→6 Nov).
    expect(num(over1, 'width')).toBeGreaterThan(num(within1, 'width'));
    expect(num(over1, 'x') + num(over1, 'width')).toBeLessThanOrEqual(STRIP_WIDTH);

    // The bar says held vs allotted, in Vietnamese numbers.
    expect(within(strip).getByTestId('tl-bar-hold-1').textContent).toContain('5/2 ngày');
    expect(within(strip).getByTestId('tl-line-due')).toBeTruthy();
    expect(within(strip).getByTestId('tl-line-now')).toBeTruthy();
    expect(screen.getByText('Vượt thời gian cho phép')).toBeTruthy();
  });

  it('hatches pauses, marks apologies and lists the events in Vietnamese with dd/MM/yyyy HH:mm', () => {
    const d = dossier({
      pauses: [{ from: vn(5), to: vn(7) }],
      apologies: [{ at: vn(8), proposedDueAt: vn(12, 17), reason: 'Cần xác minh thực địa' }],
      timeline: [
        { eventId: 'e2', type: 'supplement_requested', at: vn(5, 9, 15), data: { reason: 'Thiếu bản sao, giấy tờ' } },
        { eventId: 'e1', type: 'received', at: vn(3, 8, 5), data: {} },
        { eventId: 'e3', type: 'apology_issued', at: vn(8), data: { proposedDueAt: vn(12, 17), reason: 'Cần xác minh thực địa' } },
      ],
    });
    renderTimeline(d);
    expect(screen.getAllByTestId('tl-pause')).toHaveLength(1);
    expect(screen.getByTestId('tl-marker-apology')).toBeTruthy();

    const items = within(screen.getByTestId('timeline-list')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      '03/11/2025 08:05 Tiếp nhận hồ sơ',
      '05/11/2025 09:15 Yêu cầu bổ sung — Lý do: Thiếu bản sao, giấy tờ',
      '08/11/2025 08:00 Văn bản xin lỗi — Hẹn trả: 12/11/2025 17:00; Lý do: Cần xác minh thực địa',
    ]);
  });

  it('puts the label of a short hold at the right edge before its bar, in dark text, not white on the background', () => {
    const d = dossier({
      receivedAt: vn(3),
      originalDueAt: vn(6, 17),
      dueAt: vn(6, 17),
      holds: [
        hold({
          handlerId: 'a',
          handlerName: 'Nguyễn Văn An',
          from: vn(3),
          to: vn(20),
          stepDueAt: vn(5),
          heldDays: 12,
          allottedDays: 2,
          delayDays: 10,
        }),
        hold({
          handlerId: 'b',
          handlerName: 'Trần Thị Bình',
          from: vn(20),
          to: null,
          stepDueAt: vn(21),
          heldDays: 0.1,
          allottedDays: 1,
          delayDays: 0,
        }),
      ],
    });
    renderTimeline({ ...d, asOf: vn(20, 10) });
    const long = screen.getByTestId('tl-bar-hold-0').querySelector('text')!;
    expect(long.getAttribute('data-placement')).not.toBe('before');
    const short = screen.getByTestId('tl-bar-hold-1').querySelector('text')!;
    expect(short.getAttribute('data-placement')).toBe('before');
    expect(short.getAttribute('text-anchor')).toBe('end');
    expect(short.getAttribute('style')).not.toContain('255');
  });
});
