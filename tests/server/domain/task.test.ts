import { describe, expect, it } from 'vitest';
import { applyTaskEvent, classifyTask, emptyTaskState, foldTask } from '../../../server/domain/task.js';
import { MS_PER_DAY, parseDueDate, parseIsoWithOffset } from '../../../server/domain/time.js';
import type { TaskEvent } from '../../../server/domain/types.js';

const vn = (local: string): number => parseIsoWithOffset(`${local}+07:00`)!;

let seq = 0;
type Payload<T extends TaskEvent['type']> = Omit<Extract<TaskEvent, { type: T }>, 'id' | 'taskId' | 'at' | 'type'>;
function ev<T extends TaskEvent['type']>(type: T, at: string, payload?: Payload<T>): TaskEvent {
  seq += 1;
  return { id: `t${seq}`, taskId: 'NV-1', at: vn(at), type, ...payload } as TaskEvent;
}

const DUE = parseDueDate('2026-03-31')!;
const assigned = (dueAt: number | null = DUE): TaskEvent =>
  ev('assigned', '2026-03-02T09:00', {
    title: 'Rà soát hồ sơ tồn đọng',
    document: { number: '123/UBND-VX', date: '2026-03-02' },
    issuer: 'Chủ tịch UBND Thành phố',
    assignee: 'STP',
    ...(dueAt === null ? {} : { dueAt }),
  });

describe('foldTask', () => {
  it('moves the deadline in force and counts extensions when extended', () => {
    const newDue = parseDueDate('2026-04-15')!;
    const s = foldTask([assigned(), ev('extended', '2026-03-25T10:00', { dueAt: newDue, reason: 'Chờ ý kiến Bộ' })]);
    expect(s.dueAt).toBe(newDue);
    expect(s.originalDueAt).toBe(DUE);
    expect(s.extensions).toBe(1);
  });

  it('counts progress reports and remembers the latest', () => {
    const s = foldTask([
      assigned(),
      ev('progress_reported', '2026-03-10T10:00', { percent: 40 }),
      ev('progress_reported', '2026-03-20T10:00'),
    ]);
    expect(s.progressReports).toBe(2);
    expect(s.lastProgressAt).toBe(vn('2026-03-20T10:00'));
  });

  it('keeps the first completion', () => {
    const s = foldTask([
      assigned(),
      ev('completed', '2026-03-20T10:00'),
      ev('completed', '2026-04-20T10:00'),
      ev('cancelled', '2026-04-21T10:00'),
    ]);
    expect(s.status).toBe('completed');
    expect(s.completedAt).toBe(vn('2026-03-20T10:00'));
    expect(s.eventCount).toBe(4);
  });

  it('folds out-of-order events to the same state as in-order', () => {
    const events = [
      assigned(),
      ev('progress_reported', '2026-03-10T10:00'),
      ev('extended', '2026-03-25T10:00', { dueAt: parseDueDate('2026-04-15')!, reason: 'x' }),
      ev('completed', '2026-04-10T10:00'),
    ];
    const applied = events.reduce(applyTaskEvent, emptyTaskState('NV-1'));
    expect(foldTask(events.slice().reverse())).toEqual(applied);
    expect(foldTask([events[2], events[0], events[3], events[1]])).toEqual(applied);
  });
});

describe('classifyTask', () => {
  it('is open within term before the deadline', () => {
    expect(classifyTask(foldTask([assigned()]), vn('2026-03-31T20:00'))).toEqual({
      timeliness: 'open_in_term',
      daysOverdue: 0,
      nextTransitionAt: DUE + 1,
    });
  });

  it('is open overdue once now is past the deadline in force', () => {
    const r = classifyTask(foldTask([assigned()]), DUE + 2 * MS_PER_DAY);
    expect(r).toEqual({ timeliness: 'open_overdue', daysOverdue: 2, nextTransitionAt: null });
  });

  it('is done on time when completed by the deadline in force', () => {
    const s = foldTask([assigned(), ev('completed', '2026-03-31T21:00')]);
    expect(classifyTask(s, vn('2026-05-01T00:00')).timeliness).toBe('done_on_time');
  });

  it('is done late when completed after the deadline in force', () => {
    const s = foldTask([assigned(), ev('completed', '2026-04-01T08:00')]);
    expect(classifyTask(s, vn('2026-05-01T00:00'))).toMatchObject({ timeliness: 'done_late' });
    expect(classifyTask(s, vn('2026-05-01T00:00')).daysOverdue).toBeCloseTo((8 * 60 + 0.001 / 60) / (24 * 60), 6);
  });

  it('judges completion against the extended deadline, not the original one', () => {
    const s = foldTask([
      assigned(),
      ev('extended', '2026-03-25T10:00', { dueAt: parseDueDate('2026-04-15')!, reason: 'x' }),
      ev('completed', '2026-04-10T10:00'),
    ]);
    expect(classifyTask(s, vn('2026-05-01T00:00')).timeliness).toBe('done_on_time');
  });

  it('has no deadline when open without one', () => {
    expect(classifyTask(foldTask([assigned(null)]), vn('2027-01-01T00:00'))).toEqual({
      timeliness: 'no_deadline',
      daysOverdue: 0,
      nextTransitionAt: null,
    });
  });

  it('is done on time when completed without a deadline', () => {
    const s = foldTask([assigned(null), ev('completed', '2026-06-01T10:00')]);
    expect(classifyTask(s, vn('2027-01-01T00:00')).timeliness).toBe('done_on_time');
  });

  it('is cancelled whatever the deadline', () => {
    const s = foldTask([assigned(), ev('cancelled', '2026-04-10T10:00')]);
    expect(classifyTask(s, vn('2026-05-01T00:00'))).toEqual({ timeliness: 'cancelled', daysOverdue: 0, nextTransitionAt: null });
  });
});
