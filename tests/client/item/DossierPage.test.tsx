// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DossierPage } from '../../../client/features/item/DossierPage';
import { TaskPage } from '../../../client/features/item/TaskPage';
import { json, renderRoute, stubApi } from '../unit/render-helpers';
import { dossier, hold, task, vn } from './factories';

/** First renders are slow on a loaded machine (two workers, jsdom). */
const SLOW = { timeout: 5_000 };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('DossierPage', () => {
  it('says clearly that a dossier does not exist', async () => {
    stubApi([[/^\/api\/v1\/dossiers\//, () => json({ error: { code: 'not_found', message: 'no dossier' } }, 404)]]);
    renderRoute('/dossiers/HS-404', '/dossiers/:id', <DossierPage />);
    const alert = await screen.findByRole('alert', undefined, SLOW);
    expect(alert.textContent).toContain('Không tìm thấy hồ sơ có mã HS-404');
    expect(screen.getByTestId('dossier-page')).toBeTruthy();
  });

  it('shows an apology’s bare proposed date the same way everywhere: the date alone, in the summary and the timeline', async () => {
    const d = dossier({
      apologies: [{ at: vn(10, 9), proposedDueAt: '2025-11-24T23:59:59.999+07:00', reason: 'Chờ xác minh' }],
      timeline: [
        { eventId: 'r', type: 'received', at: vn(3), data: {} },
        // The event's own JSON: the source sent the bare date.
        { eventId: 'ap', type: 'apology_issued', at: vn(10, 9), data: { proposedDueAt: '2025-11-24', reason: 'Chờ xác minh' } },
      ],
    });
    stubApi([[/^\/api\/v1\/dossiers\/HS-2025-000123$/, () => json(d)]]);
    renderRoute('/dossiers/HS-2025-000123', '/dossiers/:id', <DossierPage />);
    const apologies = await screen.findByTestId('summary-apologies', undefined, SLOW);
    expect(apologies.textContent).toContain('hẹn trả ngày 24/11/2025:');
    const page = screen.getByTestId('dossier-page').textContent ?? '';
    expect(page).toContain('24/11/2025');
    expect(page).not.toMatch(/24\/11\/2025 \d\d:\d\d/);
  });

  it('says why a dossier is counted overdue when only the two-supplements rule makes it so', async () => {
    const d = dossier({
      dueAt: vn(20, 17),
      originalDueAt: vn(20, 17),
      daysOverdue: 0,
      overdueReason: 'supplements',
      supplementRequests: 2,
    });
    stubApi([[/^\/api\/v1\/dossiers\/HS-2025-000123$/, () => json(d)]]);
    renderRoute('/dossiers/HS-2025-000123', '/dossiers/:id', <DossierPage />);
    const reason = await screen.findByTestId('summary-overdueReason', undefined, SLOW);
    expect(reason.textContent).toContain('Lý do tính quá hạn');
    expect(reason.textContent).toContain('Yêu cầu bổ sung 2 lần');
    expect(screen.queryByTestId('summary-daysOverdue')).toBeNull();
  });

  it('labels an open dossier\'s working days as "so far" and a finished one\'s as its processing time', async () => {
    stubApi([
      [/^\/api\/v1\/dossiers\/HS-OPEN$/, () => json(dossier({ id: 'HS-OPEN', endAt: null, processingDays: 8.5 }))],
      [/^\/api\/v1\/dossiers\/HS-DONE$/, () => json(dossier({ id: 'HS-DONE', endAt: vn(20, 10), processingDays: 12 }))],
    ]);
    renderRoute('/dossiers/HS-OPEN', '/dossiers/:id', <DossierPage />);
    const open = await screen.findByTestId('summary-processingDays', undefined, SLOW);
    expect(open.textContent).toBe('Đã xử lý đến nay (ngày làm việc)8,5');
    cleanup();
    renderRoute('/dossiers/HS-DONE', '/dossiers/:id', <DossierPage />);
    const done = await screen.findByTestId('summary-processingDays', undefined, SLOW);
    expect(done.textContent).toBe('Thời gian giải quyết (ngày làm việc)12');
  });

  it("shows the summary, the timeline and the holds with the rule's name on the holds of the server's buck-passing case", async () => {
    const d = dossier({
      buckPassing: [
        {
          id: 'HS-2025-000123:bounce:0',
          rule: 'bounce',
          dossierId: 'HS-2025-000123',
          unit: '26734',
          unitName: 'Phường Bến Thành',
          procedureCode: '1.001193',
          procedureName: 'Đăng ký khai sinh',
          holds: { first: 0, last: 2 },
          firstHandoverAt: vn(4),
          lastHandoverAt: vn(5),
          lostWorkingHours: 8,
          ongoing: false,
          officials: [
            { id: 'a', name: 'Nguyễn Văn An', unit: '26734', unitName: 'Phường Bến Thành' },
            { id: 'b', name: 'Trần Thị Bình', unit: '26734', unitName: 'Phường Bến Thành' },
          ],
          evidence: '/dossiers/HS-2025-000123?case=HS-2025-000123%3Abounce%3A0',
        },
      ],
      originalDueAt: vn(6, 17),
      dueAt: vn(7, 17),
      holds: [
        hold({ handlerId: 'a', handlerName: 'Nguyễn Văn An', from: vn(3), to: vn(4) }),
        hold({ handlerId: 'b', handlerName: 'Trần Thị Bình', from: vn(4), to: vn(5) }),
        hold({
          handlerId: 'a',
          handlerName: 'Nguyễn Văn An',
          from: vn(5),
          to: null,
          stepDueAt: vn(6),
          heldDays: 6.5,
          allottedDays: 1,
          delayDays: 5.5,
        }),
      ],
    });
    stubApi([[/^\/api\/v1\/dossiers\/HS-2025-000123$/, () => json(d)]]);
    renderRoute('/dossiers/HS-2025-000123', '/dossiers/:id', <DossierPage />);

    expect(await screen.findByTestId('dossier-timeline', undefined, SLOW)).toBeTruthy();
    expect(screen.getByTestId('summary-channel').textContent).toContain('Trực tuyến');
    expect(screen.getByTestId('summary-originalDueAt').textContent).toContain('06/11/2025 17:00');
    expect(screen.getByTestId('summary-dueAt').textContent).toContain('07/11/2025 17:00');
    expect(screen.getByTestId('summary-timeliness').textContent).toContain('Quá hạn');

    const holds = screen.getByTestId('dossier-holds');
    const headers = within(holds)
      .getAllByRole('columnheader')
      .map((th) => th.textContent?.replace(/[▲▼↕]/g, '').trim());
    expect(headers).toEqual([
      'Cán bộ xử lý',
      'Bước xử lý',
      'Từ',
      'Đến',
      'Thời gian giữ (ngày làm việc)',
      'Thời gian cho phép (ngày làm việc)',
      'Chậm (ngày làm việc)',
    ]);
    expect(within(screen.getByTestId('hold-row-1')).getByText('Chuyển qua lại')).toBeTruthy();
    expect(within(screen.getByTestId('hold-row-3')).getByText('Chuyển qua lại')).toBeTruthy();
    expect(screen.getByTestId('dossier-case-HS-2025-000123:bounce:0').textContent).toContain('bước 1–3');
    // No case in the URL: nothing highlighted.
    expect(screen.queryByTestId('case-highlight-note')).toBeNull();
    expect(screen.getByTestId('dossier-timeline').querySelectorAll('.tl-case')).toHaveLength(0);
    expect(screen.getByTestId('hold-row-3').textContent).toContain('Đang giữ');
    expect(screen.getByTestId('hold-row-3').textContent).toContain('5,5');
  });

  it('highlights the cycle of the case in the URL on the timeline and in the holds, and dims the other holds', async () => {
    const id = 'HS-2025-000123:sent_back:1';
    const d = dossier({
      holds: [
        hold({ handlerId: 'r', handlerName: 'Lê Thị Tiếp Nhận', from: vn(3), to: vn(3, 9) }),
        hold({ handlerId: 's', handlerName: 'Phạm Văn Sơn', from: vn(3, 9), to: vn(4) }),
        hold({ handlerId: 'r', handlerName: 'Lê Thị Tiếp Nhận', from: vn(4), to: vn(5) }),
        hold({ handlerId: 's', handlerName: 'Phạm Văn Sơn', from: vn(5), to: null }),
      ],
      buckPassing: [
        {
          id,
          rule: 'sent_back',
          dossierId: 'HS-2025-000123',
          unit: '26734',
          unitName: 'Phường Bến Thành',
          procedureCode: '1.001193',
          procedureName: 'Đăng ký khai sinh',
          holds: { first: 1, last: 3 },
          firstHandoverAt: vn(4),
          lastHandoverAt: vn(5),
          lostWorkingHours: 8,
          ongoing: false,
          officials: [],
          evidence: `/dossiers/HS-2025-000123?case=${encodeURIComponent(id)}`,
        },
      ],
    });
    stubApi([[/^\/api\/v1\/dossiers\/HS-2025-000123$/, () => json(d)]]);
    renderRoute(`/dossiers/HS-2025-000123?case=${encodeURIComponent(id)}`, '/dossiers/:id', <DossierPage />);
    const note = await screen.findByTestId('case-highlight-note', undefined, SLOW);
    expect(note.textContent).toContain('Trả về bước trước');
    expect(note.textContent).toContain('bước 2–4');
    const timeline = screen.getByTestId('dossier-timeline');
    const highlights = [0, 1, 2, 3].map((i) => timeline.querySelector(`[data-testid="tl-bar-hold-${i}"]`)?.getAttribute('data-highlight'));
    expect(highlights).toEqual(['dimmed', 'case', 'case', 'case']);
    expect(screen.getByTestId('hold-row-1').className).not.toContain('row-case');
    expect([2, 3, 4].map((n) => screen.getByTestId(`hold-row-${n}`).className)).toEqual(['row-case', 'row-case', 'row-case']);
    expect(screen.getByTestId(`dossier-case-${id}`).getAttribute('aria-current')).toBe('true');
  });
});

describe('TaskPage', () => {
  it('shows the task with its document, deadlines and status in Vietnamese', async () => {
    stubApi([[/^\/api\/v1\/tasks\/NV-77$/, () => json(task())]]);
    renderRoute('/tasks/NV-77', '/tasks/:id', <TaskPage />);
    expect(await screen.findByTestId('task-timeline', undefined, SLOW)).toBeTruthy();
    expect(screen.getByTestId('task-page')).toBeTruthy();
    expect(screen.getByTestId('summary-document').textContent).toContain('Số 123/UBND-VX ngày 01/11/2025');
    expect(screen.getByTestId('summary-originalDueAt').textContent).toContain('10/11/2025 17:00');
    expect(screen.getByTestId('summary-dueAt').textContent).toContain('14/11/2025 17:00');
    expect(screen.getByTestId('summary-status').textContent).toContain('Quá hạn');
    expect(screen.getByTestId('task-timeline').querySelector('[data-testid^="tl-over-"]')).toBeTruthy();
  });
});
