import { describe, expect, it } from 'vitest';
import { foldDossier } from '../../../server/domain/dossier.js';
import { foldTask } from '../../../server/domain/task.js';
import { vnDayIndex } from '../../../server/domain/time.js';
import { dossierFacts, dossierFootprint, footprintFacts, parseApologyDays, taskFootprint } from '../../../server/metrics/footprint.js';
import type { DossierEvent } from '../../../server/domain/types.js';
import { apology, ctx, dossierEvent, received, taskAssigned, taskEvent, vn } from './factories.js';

const receivedAt = vn('2025-11-17T08:00'); // Monday
const dueAt = vn('2025-11-19T17:00'); // Wednesday, end of office hours
const open = () => foldDossier([received('d1', receivedAt, dueAt)], ctx);
const finished = (type: 'processed' | 'withdrawn' | 'stopped' | 'refused', at: number) =>
  foldDossier([received('d1', receivedAt, dueAt), dossierEvent('d1', type, at)], ctx);

describe('dossierFootprint', () => {
  it('counts an open dossier in term as in progress, with its next transition at the start of due soon', () => {
    const fp = dossierFootprint(open(), vn('2025-11-17T10:00'), ctx);
    expect(fp).toMatchObject({
      code: '26734',
      open: true,
      inProgress: true,
      overdue: false,
      dueSoon: false,
      awaitingSupplement: false,
      receivedDay: vnDayIndex(receivedAt),
      online: true,
      endDay: null,
      outcome: null,
    });
    // 8 working hours before Wednesday 17:00 is Tuesday 17:00.
    expect(fp.nextTransitionAt).toBe(vn('2025-11-18T17:00'));
  });

  it('flags due soon within the last working day, then overdue once the due time has passed', () => {
    expect(dossierFootprint(open(), vn('2025-11-19T10:00'), ctx)).toMatchObject({ dueSoon: true, overdue: false, inProgress: true });
    const late = dossierFootprint(open(), dueAt + 1, ctx);
    expect(late).toMatchObject({ dueSoon: false, overdue: true, inProgress: true, nextTransitionAt: null });
  });

  it('counts a dossier awaiting a supplement as awaiting, not in progress, and not overdue after its due time', () => {
    const s = foldDossier([received('d1', receivedAt, dueAt), dossierEvent('d1', 'supplement_requested', vn('2025-11-18T09:00'))], ctx);
    expect(dossierFootprint(s, vn('2025-11-25T09:00'), ctx)).toMatchObject({
      awaitingSupplement: true,
      inProgress: false,
      overdue: false,
      nextTransitionAt: null,
    });
  });

  it('judges a finished dossier early, on time or late by its end date and bins its processing time', () => {
    const onTime = dossierFootprint(finished('processed', vn('2025-11-19T16:00')), vn('2025-12-01T00:00'), ctx);
    // Mon 08:00–17:00 = 7.5 h, Tue 8 h, Wed 07:30–16:00 = 7 h → 22.5 h = 2.8125 working days.
    expect(onTime).toMatchObject({ open: false, inProgress: false, outcome: 'on_time', processingBin: 28 });
    expect(onTime.endDay).toBe(vnDayIndex(vn('2025-11-19T16:00')));
    expect(dossierFootprint(finished('processed', vn('2025-11-18T16:00')), 0, ctx).outcome).toBe('early');
    expect(dossierFootprint(finished('processed', vn('2025-11-20T08:00')), 0, ctx).outcome).toBe('late');
  });

  it('counts withdrawn and stopped dossiers as received with their own outcome and no processing time', () => {
    expect(dossierFootprint(finished('withdrawn', vn('2025-11-18T09:00')), 0, ctx)).toMatchObject({
      outcome: 'withdrawn',
      processingBin: null,
      receivedDay: vnDayIndex(receivedAt),
    });
    expect(dossierFootprint(finished('stopped', vn('2025-11-18T09:00')), 0, ctx).outcome).toBe('stopped');
  });

  it('leaves out refused dossiers and dossiers not yet received', () => {
    expect(dossierFootprint(finished('refused', vn('2025-11-17T09:00')), 0, ctx).code).toBeNull();
    const noReceipt = foldDossier([dossierEvent('d1', 'processed', vn('2025-11-17T09:00'))], ctx);
    expect(dossierFootprint(noReceipt, 0, ctx).code).toBeNull();
  });

  it('dates each apology letter by its Vietnam day', () => {
    const s = foldDossier([received('d1', receivedAt, dueAt), apology('d1', vn('2025-11-20T06:30'), vn('2025-11-25T17:00'))], ctx);
    expect(dossierFootprint(s, vn('2025-11-21T00:00'), ctx).apologyDays).toEqual([vnDayIndex(vn('2025-11-20T12:00'))]);
  });

  it("counts the dossier's buck-passing cases, on its day of receipt, and keeps the count in a finished dossier's facts", () => {
    const handOver = (who: string, at: string): DossierEvent => ({
      id: `h-${who}-${at}`,
      type: 'assigned',
      dossierId: 'd1',
      at: vn(at),
      handler: { id: who, name: who, unit: '26734' },
      stepDueAt: vn('2025-11-19T17:00'),
    });
    // A → B → A within one step: one bounce.
    const events = [
      received('d1', receivedAt, dueAt),
      handOver('A', '2025-11-17T09:00'),
      handOver('B', '2025-11-17T10:00'),
      handOver('A', '2025-11-17T14:00'),
    ];
    const fp = dossierFootprint(foldDossier(events, ctx), vn('2025-11-18T09:00'), ctx);
    expect([fp.buckPassingCases, fp.receivedDay]).toEqual([1, vnDayIndex(receivedAt)]);
    const done = foldDossier([...events, dossierEvent('d1', 'processed', vn('2025-11-18T10:00'))], ctx);
    expect(dossierFacts(done, ctx)?.buckPassingCases).toBe(1);
  });
});

describe('dossierFacts', () => {
  it('gives the flow half of a finished dossier in a flat shape, equal to its footprint', () => {
    const s = foldDossier(
      [
        received('d1', receivedAt, dueAt, { channel: 'in_person' }),
        apology('d1', vn('2025-11-21T09:00'), vn('2025-11-28T17:00')),
        apology('d1', vn('2025-11-19T09:00'), vn('2025-11-26T17:00')),
        dossierEvent('d1', 'processed', vn('2025-11-24T10:00')),
      ],
      ctx,
    );
    const facts = dossierFacts(s, ctx);
    expect(facts).toEqual({
      code: '26734',
      receivedDay: vnDayIndex(receivedAt),
      online: 0,
      endDay: vnDayIndex(vn('2025-11-24T10:00')),
      outcome: 'late',
      processingBin: facts?.processingBin,
      apologyDays: `${vnDayIndex(vn('2025-11-19T09:00'))},${vnDayIndex(vn('2025-11-21T09:00'))}`,
      buckPassingCases: 0,
      indexBits: 0, // no index field sent: all unknown
    });
    expect(facts?.processingBin).toBeGreaterThan(0);
    expect(footprintFacts(dossierFootprint(s, vn('2026-03-01T00:00'), ctx))).toEqual(facts);
    expect(parseApologyDays(facts?.apologyDays ?? null)).toEqual([vnDayIndex(vn('2025-11-19T09:00')), vnDayIndex(vn('2025-11-21T09:00'))]);
  });

  it('is null for open dossiers', () => {
    expect(dossierFacts(open(), ctx)).toBeNull();
  });
});

describe('taskFootprint', () => {
  const assignedAt = vn('2025-11-17T09:00');
  const due = vn('2025-11-21T17:00');

  it('counts an open task in term until its deadline, then overdue', () => {
    const t = foldTask([taskAssigned('t1', assignedAt, 'SNV', due)]);
    expect(taskFootprint(t, vn('2025-11-19T09:00'))).toMatchObject({
      code: 'SNV',
      open: true,
      openInTerm: true,
      openOverdue: false,
      assignedDay: vnDayIndex(assignedAt),
      nextTransitionAt: due + 1,
    });
    expect(taskFootprint(t, due + 1)).toMatchObject({ openInTerm: false, openOverdue: true, nextTransitionAt: null });
  });

  it('counts an open task without a deadline as no deadline', () => {
    const t = foldTask([taskAssigned('t1', assignedAt, 'SNV')]);
    expect(taskFootprint(t, vn('2025-11-19T09:00'))).toMatchObject({ noDeadline: true, openInTerm: false, openOverdue: false });
  });

  it('dates a completion and judges it against the deadline in force', () => {
    const onTime = foldTask([taskAssigned('t1', assignedAt, 'SNV', due), taskEvent('t1', 'completed', vn('2025-11-21T10:00'))]);
    expect(taskFootprint(onTime, vn('2025-12-01T00:00'))).toMatchObject({
      open: false,
      openOverdue: false,
      completedDay: vnDayIndex(vn('2025-11-21T10:00')),
      completedOnTime: true,
    });
    const late = foldTask([taskAssigned('t1', assignedAt, 'SNV', due), taskEvent('t1', 'completed', vn('2025-11-24T10:00'))]);
    expect(taskFootprint(late, vn('2025-12-01T00:00')).completedOnTime).toBe(false);
  });

  it('counts a cancelled task as assigned and nothing else', () => {
    const t = foldTask([taskAssigned('t1', assignedAt, 'SNV', due), taskEvent('t1', 'cancelled', vn('2025-11-18T10:00'))]);
    expect(taskFootprint(t, vn('2025-12-01T00:00'))).toMatchObject({
      open: false,
      openInTerm: false,
      openOverdue: false,
      noDeadline: false,
      assignedDay: vnDayIndex(assignedAt),
      completedDay: null,
    });
  });
});
