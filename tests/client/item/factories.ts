/** Small factories for item-page tests (API shapes, Vietnam-time instants). */
import type { DossierDetailResponse, HoldView, TaskDetailResponse } from '../../../shared/contract/api';

/** `2025-11-03T08:00:00+07:00`-style instant for a November 2025 day and hour, Vietnam time. */
export function vn(day: number, hour = 8, minute = 0): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `2025-11-${p(day)}T${p(hour)}:${p(minute)}:00+07:00`;
}

export function hold(over: Partial<HoldView> = {}): HoldView {
  return {
    handlerId: 'cb-1',
    handlerName: 'Nguyễn Văn An',
    handlerUnit: '26734',
    from: vn(3),
    to: vn(4),
    stepDueAt: vn(5),
    heldDays: 1,
    allottedDays: 2,
    delayDays: 0,
    ...over,
  };
}

export function dossier(over: Partial<DossierDetailResponse> = {}): DossierDetailResponse {
  return {
    asOf: vn(14, 9),
    id: 'HS-2025-000123',
    unit: '26734',
    unitName: 'Phường Bến Thành',
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
    channel: 'online',
    receivedAt: vn(3),
    originalDueAt: vn(6, 17),
    dueAt: vn(6, 17),
    endAt: null,
    endKind: null,
    returnedAt: null,
    status: 'processing',
    bucket: 'in_progress',
    timeliness: 'overdue',
    daysOverdue: 5.5,
    overdueReason: 'past_due',
    processingDays: 8.5,
    supplementRequests: 0,
    pauses: [],
    apologies: [],
    rating: null,
    holds: [],
    buckPassing: [],
    timeline: [],
    ...over,
  };
}

export function task(over: Partial<TaskDetailResponse> = {}): TaskDetailResponse {
  return {
    asOf: vn(20, 9),
    id: 'NV-77',
    title: 'Rà soát hồ sơ tồn đọng lĩnh vực đất đai',
    document: { number: '123/UBND-VX', date: '2025-11-01' },
    issuer: 'UBND Thành phố',
    assignee: '26734',
    assigneeName: 'Phường Bến Thành',
    assignedAt: vn(3),
    originalDueAt: vn(10, 17),
    dueAt: vn(14, 17),
    completedAt: null,
    status: 'open',
    timeliness: 'open_overdue',
    daysOverdue: 3,
    extensions: 1,
    timeline: [],
    ...over,
  };
}
