import { describe, expect, it } from 'vitest';
import { measureStep, type StepFacts } from '../../../server/metrics/official-steps.js';
import { lastWeeks } from '../../../server/metrics/official-scorecards.js';
import { calendar, vn } from './factories.js';

const H = 3_600_000;

/** A step of dossier D-1 held by official A from `from`, with the given end and allotted end. */
function step(o: Partial<StepFacts> & { fromAt: number }): StepFacts {
  return {
    dossierId: 'D-1',
    idx: 0,
    unit: '26740',
    handlerId: 'A',
    handlerName: 'Nguyễn Văn A',
    handlerUnit: '26740',
    toAt: null,
    stepDueAt: null,
    field: 'Hộ tịch',
    open: true,
    overdue: false,
    pauses: [],
    ...o,
  };
}

const november = { from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') };
const october = { from: vn('2026-10-01T00:00'), to: vn('2026-11-01T00:00') };
const NOW = vn('2026-11-25T09:00');

describe('measureStep', () => {
  it('counts a step finished before its allotted end as done within it, with no hours beyond', () => {
    const s = step({ fromAt: vn('2026-11-16T08:00'), stepDueAt: vn('2026-11-17T17:00'), toAt: vn('2026-11-17T10:00') });
    const m = measureStep(s, november, NOW, calendar);
    expect(m).toMatchObject({ done: true, timed: true, within: true, beyondMs: 0 });
    expect(m.heldMs).toBe(10 * H); // Mon 08:00–17:00 (7.5 h) + Tue 07:30–10:00 (2.5 h)
  });

  it('counts a step with no allotted time as done, outside the within share, and never beyond', () => {
    const s = step({ fromAt: vn('2026-11-02T08:00'), toAt: vn('2026-11-20T16:00'), stepDueAt: null });
    const m = measureStep(s, november, NOW, calendar);
    expect(m).toMatchObject({ done: true, timed: false, within: false, beyondMs: 0, allottedMs: null });
  });

  it('charges a step straddling the period start only with the hours beyond that fall inside the period', () => {
    // Due Thu 29/10 17:00; beyond from Fri 30/10 (8 h in October), Mon 2/11 (8 h) and Tue 3/11 until 11:30 (4 h).
    const s = step({ fromAt: vn('2026-10-29T08:00'), stepDueAt: vn('2026-10-29T17:00'), toAt: vn('2026-11-03T11:30') });
    const nov = measureStep(s, november, NOW, calendar);
    const oct = measureStep(s, october, NOW, calendar);
    expect(nov).toMatchObject({ done: true, within: false, beyondMs: 12 * H });
    expect(oct).toMatchObject({ done: false, within: false, beyondMs: 8 * H });
    expect(nov.heldMs - nov.allottedMs!).toBe(oct.beyondMs + nov.beyondMs);
  });

  it('adds no hours beyond on a day off (Tuesday 24/11/2026, Ngày Văn hóa Việt Nam)', () => {
    const s = step({ fromAt: vn('2026-11-23T07:30'), stepDueAt: vn('2026-11-23T17:00') });
    const dayOff = { from: vn('2026-11-24T00:00'), to: vn('2026-11-25T00:00') };
    expect(measureStep(s, dayOff, NOW, calendar).beyondMs).toBe(0);
    // Still held on Wednesday 09:00: 1.5 working hours beyond, all of them on Wednesday.
    expect(measureStep(s, november, NOW, calendar).beyondMs).toBe(1.5 * H);
  });

  it('leaves the time waiting for the citizen’s supplement out of the time held', () => {
    const s = step({
      fromAt: vn('2026-11-16T07:30'),
      stepDueAt: vn('2026-11-16T17:00'),
      toAt: vn('2026-11-18T17:00'),
      pauses: [{ from: vn('2026-11-16T17:00'), to: vn('2026-11-18T07:30') }],
    });
    const m = measureStep(s, november, NOW, calendar);
    expect(m.heldMs).toBe(16 * H);
    expect(m.beyondMs).toBe(8 * H);
    expect(m.within).toBe(false);
  });

  it('charges a step still held with its hours beyond up to now, but does not count it done', () => {
    const s = step({ fromAt: vn('2026-11-19T07:30'), stepDueAt: vn('2026-11-19T17:00') });
    const m = measureStep(s, november, NOW, calendar);
    // Fri 20 (8 h) + Mon 23 (8 h) + Wed 25 until 09:00 (1.5 h); Tue 24 is a day off.
    expect(m).toMatchObject({ done: false, beyondMs: 17.5 * H });
  });

  it('splits a long delay over weeks so that the weeks add up to the whole delay', () => {
    const s = step({ fromAt: vn('2026-10-05T07:30'), stepDueAt: vn('2026-10-06T17:00'), toAt: vn('2026-11-20T10:00') });
    const weeks = lastWeeks(NOW, 12);
    const total = weeks.reduce((sum, w) => sum + measureStep(s, w, NOW, calendar).beyondMs, 0);
    const whole = measureStep(s, { from: 0, to: Infinity }, NOW, calendar);
    expect(total).toBe(whole.heldMs - whole.allottedMs!);
  });
});
