import { describe, expect, it } from 'vitest';
import {
  belongsToViewer,
  countByFilter,
  filterByState,
  isAbout,
  liveState,
  mergeRequest,
  unreadCount,
  type Viewer,
} from '../../../client/features/requests/requests-model';
import { requestMoments } from '../../../client/features/requests/request-timeline';
import { request } from './factories';

const WARD_LEADER: Viewer = { username: 'phuong', unit: '26740', answers: true, sends: false };
const SUPERVISOR: Viewer = { username: 'giamsat', unit: null, answers: false, sends: true };
const BEFORE_DUE = Date.parse('2026-12-08T17:00:00+07:00');
const AFTER_DUE = Date.parse('2026-12-09T00:00:00+07:00');

describe('mergeRequest', () => {
  it('puts a new request first (newest sent first) and replaces an older copy of the same one in place', () => {
    const a = request({ id: 1, sentAt: '2026-12-04T10:30:00.000+07:00' });
    const b = request({ id: 2, sentAt: '2026-12-04T11:00:00.000+07:00' });
    expect(mergeRequest([a], b).map((r) => r.id)).toEqual([2, 1]);
    const read = { ...a, acknowledgedAt: '2026-12-04T12:00:00.000+07:00', state: 'read' as const };
    expect(mergeRequest([b, a], read)).toEqual([b, read]);
  });

  it('never lets a stale copy (an earlier event arriving late) undo an answer', () => {
    const answered = request({
      answeredAt: '2026-12-05T08:00:00.000+07:00',
      answer: 'Đã xử lý',
      acknowledgedAt: '2026-12-05T08:00:00.000+07:00',
    });
    const staleRead = request({ acknowledgedAt: '2026-12-04T12:00:00.000+07:00' });
    expect(mergeRequest([answered], staleRead)).toEqual([answered]);
  });
});

describe('liveState and the filters, judged at the server’s clock', () => {
  it('turns a request overdue on screen once the server’s clock passes its due date', () => {
    const r = request({ acknowledgedAt: '2026-12-04T12:00:00.000+07:00' });
    expect(liveState(r, BEFORE_DUE)).toBe('read');
    expect(liveState(r, AFTER_DUE)).toBe('overdue');
  });

  it('counts each chip and filters by it', () => {
    const list = [
      request({ id: 1 }),
      request({ id: 2, acknowledgedAt: '2026-12-04T12:00:00.000+07:00' }),
      request({ id: 3, answeredAt: '2026-12-05T08:00:00.000+07:00' }),
      request({ id: 4, answeredAt: '2026-12-10T08:00:00.000+07:00' }),
    ];
    expect(countByFilter(list, AFTER_DUE)).toEqual({ sent: 0, read: 0, overdue: 2, answered: 2, open: 2 });
    expect(filterByState(list, 'answered', AFTER_DUE).map((r) => r.id)).toEqual([3, 4]);
    expect(filterByState(list, null, AFTER_DUE)).toHaveLength(4);
  });
});

describe('unreadCount and who a request belongs to', () => {
  it('for a ward leader: requests to the ward nobody acknowledged yet', () => {
    const list = [
      request({ id: 1 }),
      request({ id: 2, acknowledgedAt: '2026-12-04T12:00:00.000+07:00' }),
      request({ id: 3, unit: '26743' }),
    ];
    expect(unreadCount(list, WARD_LEADER)).toBe(1);
    expect(belongsToViewer(list[2], WARD_LEADER)).toBe(false);
  });

  it('for the sender: answers not seen yet', () => {
    const list = [
      request({ id: 1, answeredAt: '2026-12-05T08:00:00.000+07:00' }),
      request({ id: 2, answeredAt: '2026-12-05T08:00:00.000+07:00', answerSeenAt: '2026-12-05T09:00:00.000+07:00' }),
      request({ id: 3 }),
    ];
    expect(unreadCount(list, SUPERVISOR)).toBe(1);
    expect(belongsToViewer(request({ sentByUsername: 'someone-else' }), SUPERVISOR)).toBe(false);
  });
});

describe('requestMoments: a request on its item’s timeline', () => {
  it('places the request, its acknowledgement, its turning overdue and its late answer each at its instant', () => {
    const r = request({
      acknowledgedAt: '2026-12-07T08:00:00.000+07:00',
      acknowledgedBy: 'Chủ tịch phường',
      answeredAt: '2026-12-09T09:00:00.000+07:00',
      answeredBy: 'Chủ tịch phường',
      answer: 'Xin lỗi vì chậm trễ.',
    });
    expect(requestMoments([r], AFTER_DUE).map((m) => `${m.kind} ${m.at}`)).toEqual([
      'sent 2026-12-04T10:30:00.000+07:00',
      'read 2026-12-07T08:00:00.000+07:00',
      'overdue 2026-12-08T23:59:59.999+07:00',
      'answered 2026-12-09T09:00:00.000+07:00',
    ]);
  });

  it('shows no acknowledgement of its own when it came with the answer, and nothing overdue before the due date', () => {
    const at = '2026-12-05T08:00:00.000+07:00';
    expect(requestMoments([request({ acknowledgedAt: at, answeredAt: at, answer: 'x' })], BEFORE_DUE).map((m) => m.kind)).toEqual([
      'sent',
      'answered',
    ]);
  });

  it('knows what a request is about: a case counts for its dossier', () => {
    const kase = request({ subject: { type: 'case', id: 'D-9:bounce:1', title: null }, dossierId: 'D-9' });
    expect(isAbout(kase, 'dossier', 'D-9')).toBe(true);
    expect(isAbout(kase, 'task', 'D-9')).toBe(false);
  });
});
