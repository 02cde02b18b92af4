import { describe, expect, it } from 'vitest';
import type { StepFacts } from '../../../server/metrics/official-steps.js';
import {
  aggregateOfficials,
  lastWeeks,
  toOfficialCards,
  weeklyTrend,
  type Attributed,
} from '../../../server/metrics/official-scorecards.js';
import { compareOfficialRows, listOfficials } from '../../../server/metrics/official-list.js';
import type { OfficialListRow } from '../../../shared/contract/officials.js';
import { calendar, vn } from './factories.js';

const NOW = vn('2026-11-25T09:00'); // a Wednesday; Tuesday 24/11 is a day off
const november = { from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') };

function step(o: Partial<StepFacts> & { fromAt: number }): StepFacts {
  return {
    dossierId: 'D-1',
    idx: 0,
    unit: '26740',
    handlerId: 'A',
    handlerName: 'Nguyễn Văn An',
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

describe('aggregateOfficials', () => {
  it('counts steps done, the share within allotted time (of timed steps only) and hours beyond, per official', () => {
    const dossiers = [
      [step({ dossierId: 'D-1', fromAt: vn('2026-11-16T08:00'), stepDueAt: vn('2026-11-16T17:00'), toAt: vn('2026-11-16T10:00') })],
      [step({ dossierId: 'D-2', fromAt: vn('2026-11-16T07:30'), stepDueAt: vn('2026-11-16T17:00'), toAt: vn('2026-11-17T17:00') })],
      [step({ dossierId: 'D-3', fromAt: vn('2026-11-17T07:30'), stepDueAt: null, toAt: vn('2026-11-19T17:00') })],
    ];
    const [card] = toOfficialCards(aggregateOfficials(dossiers, [], november, NOW, calendar));
    expect(card.all).toMatchObject({ stepsDone: 3, stepsTimed: 2, stepsWithin: 1, withinShare: 0.5, beyondHours: 8, stepsBeyond: 1 });
    expect(card.all.beyondHoursMedian).toBe(8);
  });

  it('counts what an official holds now and how much of it is overdue', () => {
    const dossiers = [
      [step({ dossierId: 'D-1', fromAt: vn('2026-11-20T08:00'), overdue: true })],
      [step({ dossierId: 'D-2', fromAt: vn('2026-11-23T08:00') })],
    ];
    const [card] = toOfficialCards(aggregateOfficials(dossiers, [], november, NOW, calendar));
    expect(card.all).toMatchObject({ holdingNow: 2, overdueHeldNow: 1, stepsDone: 0, withinShare: null });
  });

  it('counts the cases and requests attributed to an official, each under its own figure and the dossier’s field', () => {
    const t = vn('2026-11-16T08:00');
    const dossier = [step({ idx: 0, handlerId: 'A', fromAt: t })];
    const mark = (kind: Attributed['kind'], handlerId: string, field = 'Hộ tịch'): Attributed => ({
      kind,
      handlerId,
      handlerName: handlerId === 'A' ? 'Nguyễn Văn An' : 'Trần Thị Bình',
      handlerUnit: '26740',
      field,
    });
    const attributed = [
      mark('buckPassingCases', 'A'),
      mark('buckPassingCases', 'B'),
      mark('reminders', 'A'),
      mark('explanationRequests', 'A', 'Đất đai'),
    ];
    const cards = new Map(toOfficialCards(aggregateOfficials([dossier], attributed, november, NOW, calendar)).map((c) => [c.id, c]));
    expect(cards.get('A')!.all).toMatchObject({ buckPassingCases: 1, reminders: 1, explanationRequests: 1, holdingNow: 1 });
    expect(cards.get('A')!.byField.get('Đất đai')).toMatchObject({ explanationRequests: 1, buckPassingCases: 0, holdingNow: 0 });
    // B was in a case but held nothing in the window: listed, named from the case.
    expect(cards.get('B')).toMatchObject({ name: 'Trần Thị Bình', all: expect.objectContaining({ buckPassingCases: 1, stepsDone: 0 }) });
  });

  it('names an official from their steps rather than from a case or request', () => {
    const dossier = [step({ handlerId: 'A', handlerName: 'Nguyễn Văn An', handlerUnit: 'STP', fromAt: vn('2026-11-16T08:00') })];
    const attributed: Attributed[] = [{ kind: 'reminders', handlerId: 'A', handlerName: 'N. V. An', handlerUnit: '26740', field: '' }];
    const [card] = toOfficialCards(aggregateOfficials([dossier], attributed, november, NOW, calendar));
    expect(card).toMatchObject({ name: 'Nguyễn Văn An', unit: 'STP' });
  });

  it('keeps each field apart and the whole together', () => {
    const dossiers = [
      [step({ dossierId: 'D-1', field: 'Hộ tịch', fromAt: vn('2026-11-16T08:00'), toAt: vn('2026-11-16T09:00') })],
      [step({ dossierId: 'D-2', field: 'Đất đai', fromAt: vn('2026-11-16T08:00'), toAt: vn('2026-11-16T10:00') })],
    ];
    const [card] = toOfficialCards(aggregateOfficials(dossiers, [], november, NOW, calendar));
    expect(card.all.stepsDone).toBe(2);
    expect(card.byField.get('Đất đai')?.stepsDone).toBe(1);
    expect(card.all.heldHoursMedian).toBe(1.5);
  });

  it('names an official by their latest step (a move to a department shows the department)', () => {
    const dossiers = [
      [step({ dossierId: 'D-1', fromAt: vn('2026-11-02T08:00'), toAt: vn('2026-11-02T09:00') })],
      [step({ dossierId: 'D-2', fromAt: vn('2026-11-20T08:00'), handlerUnit: 'STP', toAt: vn('2026-11-20T09:00') })],
    ];
    expect(toOfficialCards(aggregateOfficials(dossiers, [], november, NOW, calendar))[0].unit).toBe('STP');
  });
});

describe('lastWeeks and weeklyTrend', () => {
  it('ends with the working week (Monday–Sunday, Vietnam time) holding now', () => {
    const sundayNight = vn('2026-12-06T23:30');
    const weeks = lastWeeks(sundayNight, 12);
    expect(weeks).toHaveLength(12);
    expect(weeks[11].from).toBe(vn('2026-11-30T00:00'));
    expect(weeks[0].from).toBe(vn('2026-09-14T00:00'));
  });

  it('puts each step in the week it finished in, and each hour beyond in the week it was held', () => {
    const s = step({ fromAt: vn('2026-11-13T07:30'), stepDueAt: vn('2026-11-13T17:00'), toAt: vn('2026-11-17T17:00') });
    const weeks = weeklyTrend([s], lastWeeks(NOW, 3), NOW, calendar);
    expect(weeks.map((w) => w.weekStart)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weeks.map((w) => w.stepsDone)).toEqual([0, 1, 0]);
    expect(weeks.map((w) => w.beyondHours)).toEqual([0, 16, 0]);
    expect(weeks[1].withinShare).toBe(0);
  });
});

describe('listOfficials', () => {
  const dossiers = [
    [step({ dossierId: 'D-1', handlerId: 'A', handlerName: 'Nguyễn Văn An', fromAt: vn('2026-11-16T08:00'), overdue: true })],
    [
      step({
        dossierId: 'D-2',
        handlerId: 'B',
        handlerName: 'Đặng Thị Bình',
        fromAt: vn('2026-11-16T08:00'),
        stepDueAt: vn('2026-11-16T17:00'),
      }),
    ],
    // A department official handling a step of a ward dossier (liên thông) is listed under the department.
    [
      step({
        dossierId: 'D-3',
        unit: '26740',
        handlerId: 'C',
        handlerName: 'Lê Văn Cường',
        handlerUnit: 'STP',
        fromAt: vn('2026-11-18T08:00'),
      }),
    ],
  ];
  const cards = toOfficialCards(aggregateOfficials(dossiers, [], november, NOW, calendar));
  const identity = (o: { id: string; name: string; unit: string }) => ({ ...o, unitName: o.unit, unitKind: 'unit' as const });
  const query = { units: null, field: null, q: null, sort: 'name' as const, dir: 'asc' as const, page: 1, pageSize: 50 };

  it('finds names without their marks: "nguyen van" finds Nguyễn Văn An, "dang" finds Đặng Thị Bình', () => {
    expect(listOfficials(cards, { ...query, q: 'nguyen van' }, identity).items.map((r) => r.id)).toEqual(['A']);
    expect(listOfficials(cards, { ...query, q: 'dang' }, identity).items.map((r) => r.id)).toEqual(['B']);
    expect(listOfficials(cards, { ...query, q: 'NGUYỄN an' }, identity).items.map((r) => r.id)).toEqual(['A']);
  });

  it('lists department staff who handle ward dossiers under their department, not the ward', () => {
    expect(listOfficials(cards, { ...query, units: new Set(['STP']) }, identity).items.map((r) => r.id)).toEqual(['C']);
    // By name in Vietnamese order: Đặng before Nguyễn.
    expect(listOfficials(cards, { ...query, units: new Set(['26740']) }, identity).items.map((r) => r.id)).toEqual(['B', 'A']);
  });

  it('sorts by hours beyond allotted time, most first (ties by name), and pages', () => {
    const page = listOfficials(cards, { ...query, sort: 'beyondHours', dir: 'desc', pageSize: 2 }, identity);
    expect(page.total).toBe(3);
    expect(page.items.map((r) => r.id)).toEqual(['B', 'C']);
    // Due Monday 16/11 17:00, still held on Wednesday 25/11 09:00: five working days and 1.5 h (24/11 is a day off).
    expect(page.items[0].beyondHours).toBe(41.5);
  });

  it('keeps unknown values (no step with an allotted time) last in either direction', () => {
    const row = (id: string, withinShare: number | null) => ({ id, name: id, withinShare }) as OfficialListRow;
    const rows = [row('x', null), row('y', 0.5), row('z', 0.9)];
    expect([...rows].sort((a, b) => compareOfficialRows(a, b, 'withinShare', 'asc')).map((r) => r.id)).toEqual(['y', 'z', 'x']);
    expect([...rows].sort((a, b) => compareOfficialRows(a, b, 'withinShare', 'desc')).map((r) => r.id)).toEqual(['z', 'y', 'x']);
  });

  it('cuts a field’s figures out of the whole, and offers the fields seen', () => {
    const page = listOfficials(cards, { ...query, field: 'Đất đai' }, identity);
    expect(page.items).toEqual([]);
    expect(page.fields).toEqual(['Hộ tịch']);
  });
});
