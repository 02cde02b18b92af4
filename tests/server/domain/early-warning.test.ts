import { describe, expect, it } from 'vitest';
import { foldDossier } from '../../../server/domain/dossier.js';
import {
  atRiskFrom,
  dossierWarning,
  isAtRisk,
  nextAtRiskChange,
  statusUpdateRate,
  taskWarning,
} from '../../../server/domain/early-warning.js';
import { foldTask } from '../../../server/domain/task.js';
import { MS_PER_HOUR } from '../../../server/domain/time.js';
import type { DossierEvent, TaskEvent } from '../../../server/domain/types.js';
import { calendar, ctx, dossierEvent, received, settings, supplementReceived, taskAssigned, vn } from '../metrics/factories.js';

const fold = (events: DossierEvent[]) => foldDossier(events, ctx);
let n = 0;
const assigned = (id: string, at: number): DossierEvent => ({
  id: `as${++n}`,
  type: 'assigned',
  dossierId: id,
  at,
  handler: { id: 'cb1', name: 'Nguyễn Thị Lan', unit: '26734' },
});
const progress = (id: string, at: number): TaskEvent => ({ id: `p${++n}`, type: 'progress_reported', taskId: id, at, percent: 50 });
const warn = (events: DossierEvent[], now: number) => dossierWarning(fold(events), now, ctx);

describe('the dossier at-risk rule (due within 8 working hours, no event for 8 working hours)', () => {
  // Wednesday 2 December 2026 → Thursday 3 December: ordinary working days.
  const recv = received('A', vn('2026-12-01T08:00'), vn('2026-12-03T17:00'));

  it('does not flag a dossier due tomorrow with a recent event', () => {
    // Thursday 08:00: 7.5 working hours left, last touched 2.5 working hours ago.
    const w = warn([recv, assigned('A', vn('2026-12-02T15:00'))], vn('2026-12-03T08:00'));
    expect(w).toMatchObject({ atRisk: false, status: 'green', reason: 'active', listed: true });
  });

  it('flags a dossier due tomorrow that has been idle for a working day', () => {
    const w = warn([recv, assigned('A', vn('2026-12-02T09:00'))], vn('2026-12-03T09:00'));
    expect(w).toMatchObject({ atRisk: true, status: 'orange', reason: 'idle', listed: true });
    expect(w?.idleWorkingMs).toBe(8 * MS_PER_HOUR);
  });

  it('does not flag an idle dossier that is not due within the next working day', () => {
    const s = fold([received('B', vn('2026-12-01T08:00'), vn('2026-12-10T17:00'))]);
    expect(dossierWarning(s, vn('2026-12-03T16:00'), ctx)).toMatchObject({
      atRisk: false,
      status: 'green',
      reason: 'not_due_soon',
      listed: false,
    });
  });

  it('does not flag a dossier awaiting the citizen’s supplement: grey, cannot be judged', () => {
    const events = [recv, dossierEvent('A', 'supplement_requested', vn('2026-12-01T09:00'))];
    const w = warn(events, vn('2026-12-03T09:00'));
    expect(w).toMatchObject({ atRisk: false, status: 'grey', reason: 'awaiting_supplement' });
    expect(atRiskFrom(fold(events), ctx)).toBeNull();
  });

  it('does not flag an overdue dossier: red, will miss', () => {
    expect(warn([recv], vn('2026-12-03T17:01'))).toMatchObject({ atRisk: false, status: 'red', reason: 'overdue', listed: false });
  });

  it('counts the two-supplements rule as overdue whatever the due date: red, never at risk', () => {
    const events = [
      received('C', vn('2026-12-01T08:00'), vn('2026-12-04T17:00')),
      dossierEvent('C', 'supplement_requested', vn('2026-12-01T09:00')),
      supplementReceived('C', vn('2026-12-01T10:00')),
      dossierEvent('C', 'supplement_requested', vn('2026-12-01T11:00')),
      supplementReceived('C', vn('2026-12-01T14:00')),
    ];
    expect(warn(events, vn('2026-12-04T10:00'))).toMatchObject({ status: 'red', reason: 'overdue', atRisk: false });
    expect(atRiskFrom(fold(events), ctx)).toBeNull();
  });

  it('colours red a dossier with no office hour left before its due time (Friday 17:10, due at the end of Friday)', () => {
    const s = fold([received('D', vn('2026-12-02T08:00'), vn('2026-12-04T23:59:59.999')), assigned('D', vn('2026-12-04T16:00'))]);
    expect(dossierWarning(s, vn('2026-12-04T17:10'), ctx)).toMatchObject({ status: 'red', reason: 'no_time_left', workingMsLeft: 0 });
    // The same at 16:30 has half an hour left and was touched at 16:00: on track.
    expect(dossierWarning(s, vn('2026-12-04T16:30'), ctx)).toMatchObject({ status: 'green', reason: 'active' });
  });

  it('starts at the later of "due within 8 working hours" and "idle for 8 working hours", across a weekend', () => {
    // Due Monday 17:00; last event Friday 10:00. Due soon from Friday 17:00; idle from Monday 10:00.
    const s = fold([received('E', vn('2026-12-01T08:00'), vn('2026-12-07T17:00')), assigned('E', vn('2026-12-04T10:00'))]);
    expect(atRiskFrom(s, ctx)).toBe(vn('2026-12-07T10:00'));
    expect(isAtRisk(s, vn('2026-12-07T09:59'), ctx)).toBe(false);
    expect(isAtRisk(s, vn('2026-12-07T10:00'), ctx)).toBe(true);
    expect(nextAtRiskChange(s, vn('2026-12-05T12:00'), ctx)).toBe(vn('2026-12-07T10:00'));
    // At risk until the due time; the next change is the instant it turns overdue.
    expect(nextAtRiskChange(s, vn('2026-12-07T12:00'), ctx)).toBe(vn('2026-12-07T17:00') + 1);
  });

  it('never flags a dossier whose idle time is reached only after its due time', () => {
    const s = fold([received('F', vn('2026-12-01T08:00'), vn('2026-12-03T10:00')), assigned('F', vn('2026-12-03T09:00'))]);
    expect(atRiskFrom(s, ctx)).toBeNull();
    expect(nextAtRiskChange(s, vn('2026-12-03T09:30'), ctx)).toBeNull();
  });

  it('lists a dossier due within the window and leaves out one already past due', () => {
    expect(warn([recv], vn('2026-12-03T08:00'))?.listed).toBe(true);
    expect(warn([recv], vn('2026-12-03T18:00'))?.listed).toBe(false);
  });

  it('says nothing of a finished dossier', () => {
    expect(warn([recv, dossierEvent('A', 'processed', vn('2026-12-02T10:00'))], vn('2026-12-03T09:00'))).toBeNull();
  });
});

describe('the task at-risk rule (due within 3 working days, no progress report in the last 5)', () => {
  const due = vn('2026-12-04T23:59:59.999'); // Friday

  it('flags a task due within 3 working days never reported on', () => {
    const t = foldTask([taskAssigned('T', vn('2026-11-16T08:00'), '26734', due)]);
    expect(taskWarning(t, vn('2026-12-02T10:00'), calendar, settings)).toMatchObject({ atRisk: true, status: 'orange', listed: true });
  });

  it('does not flag one with a progress report within the last 5 working days', () => {
    const t = foldTask([taskAssigned('T', vn('2026-11-16T08:00'), '26734', due), progress('T', vn('2026-11-27T10:00'))]);
    expect(taskWarning(t, vn('2026-12-02T10:00'), calendar, settings)).toMatchObject({ atRisk: false, status: 'green', reason: 'active' });
  });

  it('flags it again once its last report is 5 working days old', () => {
    const t = foldTask([taskAssigned('T', vn('2026-11-16T08:00'), '26734', due), progress('T', vn('2026-11-25T10:00'))]);
    // 25/11 10:00 → 2/12 10:00 is 5 working days (Wed to Wed, 24/11 being a day off before it).
    expect(taskWarning(t, vn('2026-12-02T10:00'), calendar, settings)).toMatchObject({ atRisk: true, status: 'orange' });
  });

  it('does not flag a task due in more than 3 working days', () => {
    const t = foldTask([taskAssigned('T', vn('2026-11-16T08:00'), '26734', vn('2026-12-11T23:59:59.999'))]);
    expect(taskWarning(t, vn('2026-12-02T10:00'), calendar, settings)).toMatchObject({
      atRisk: false,
      status: 'green',
      reason: 'not_due_soon',
    });
  });

  it('colours red an overdue task and grey one without a deadline', () => {
    const late = foldTask([taskAssigned('T', vn('2026-11-16T08:00'), '26734', vn('2026-11-30T23:59:59.999'))]);
    expect(taskWarning(late, vn('2026-12-02T10:00'), calendar, settings)).toMatchObject({ status: 'red', reason: 'overdue' });
    const open = foldTask([taskAssigned('U', vn('2026-11-16T08:00'), '26734')]);
    expect(taskWarning(open, vn('2026-12-02T10:00'), calendar, settings)).toMatchObject({ status: 'grey', reason: 'no_deadline' });
  });
});

describe('statusUpdateRate: share of open tasks with a progress report in the last 10 working days', () => {
  it('counts open tasks only, and a report 10 working days old as too old', () => {
    const now = vn('2026-12-02T10:00');
    const tasks = [
      foldTask([taskAssigned('A', vn('2026-11-02T08:00'), '26734'), progress('A', vn('2026-12-01T09:00'))]),
      // Tuesday 17/11 10:00 → Wednesday 2/12 10:00 = 10 working days (24/11 off).
      foldTask([taskAssigned('B', vn('2026-11-02T08:00'), '26734'), progress('B', vn('2026-11-17T10:00'))]),
      foldTask([taskAssigned('C', vn('2026-11-02T08:00'), '26734')]),
      foldTask([
        taskAssigned('D', vn('2026-11-02T08:00'), '26734'),
        progress('D', vn('2026-12-01T09:00')),
        { id: 'c', type: 'completed', taskId: 'D', at: vn('2026-12-01T10:00') },
      ]),
    ];
    expect(statusUpdateRate(tasks, now, calendar, settings)).toEqual({ open: 3, updated: 1, rate: 1 / 3 });
    expect(statusUpdateRate([], now, calendar, settings)).toEqual({ open: 0, updated: 0, rate: null });
  });
});
