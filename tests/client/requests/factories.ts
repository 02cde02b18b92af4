/** Requests as the API sends them, for client tests. */
import type { RequestView } from '../../../shared/contract/requests';

export function request(over: Partial<RequestView> = {}): RequestView {
  return {
    id: 1,
    kind: 'explanation',
    unit: '26740',
    unitName: 'Phường Sài Gòn',
    subject: { type: 'dossier', id: 'D-1', title: 'Đăng ký khai sinh' },
    dossierId: 'D-1',
    message: 'Đề nghị giải trình lý do chậm trễ hồ sơ D-1.',
    sentBy: 'Giám sát viên',
    sentByUsername: 'giamsat',
    sentAt: '2026-12-04T10:30:00.000+07:00',
    holder: { id: 'cb-1', name: 'Nguyễn Thị Lan', unit: '26740' },
    answerDueAt: '2026-12-08T23:59:59.999+07:00',
    acknowledgedBy: null,
    acknowledgedAt: null,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    answerSeenAt: null,
    state: 'sent',
    ...over,
  };
}
