import { describe, expect, it } from 'vitest';
import { dossierTimelineModel, holdCaseMarks, taskTimelineModel } from '../../../client/features/item/timeline-model';
import type { BuckPassingCaseView, BuckPassingRule } from '../../../shared/contract/buck-passing';
import { dossier, hold, task, vn } from './factories';

/** A case of rule `rule` over holds [first, last] of dossier HS-2025-000123. */
function bpCase(rule: BuckPassingRule, first: number, last: number): BuckPassingCaseView {
  const id = `HS-2025-000123:${rule}:${first}`;
  return {
    id,
    rule,
    dossierId: 'HS-2025-000123',
    unit: '26734',
    unitName: 'Phường Bến Thành',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    holds: { first, last },
    firstHandoverAt: vn(4),
    lastHandoverAt: vn(5),
    lostWorkingHours: 8,
    ongoing: false,
    officials: [],
    evidence: `/dossiers/HS-2025-000123?case=${encodeURIComponent(id)}`,
  };
}

describe('holdCaseMarks', () => {
  it("marks each hold with the rules of the server's cases that include it, each rule once", () => {
    const cases = [bpCase('bounce', 1, 3), bpCase('pass_around', 1, 4), bpCase('bounce', 3, 4)];
    expect(holdCaseMarks(6, cases, null).map((m) => m.rules)).toEqual([
      [],
      ['bounce', 'pass_around'],
      ['bounce', 'pass_around'],
      ['bounce', 'pass_around'],
      ['pass_around', 'bounce'],
      [],
    ]);
  });

  it('says which holds are in the case shown, and nothing of the kind when none is', () => {
    const shown = bpCase('sent_back', 2, 3);
    expect(holdCaseMarks(5, [shown], shown).map((m) => m.inSelected)).toEqual([false, false, true, true, false]);
    expect(holdCaseMarks(2, [shown], null).map((m) => m.inSelected)).toEqual([null, null]);
  });
});

describe('dossierTimelineModel', () => {
  it('marks a replayed moment with a line of its own, the axis reaching it even before receipt', () => {
    const d = dossier({ holds: [hold({ from: vn(3), to: null, stepDueAt: vn(7) })] });
    const now = Date.parse(vn(14, 9));
    const inside = dossierTimelineModel(d, now, null, Date.parse(vn(6, 10)));
    expect(inside.lines.find((l) => l.kind === 'at')?.at).toBe(Date.parse(vn(6, 10)));
    expect(inside.from).toBe(dossierTimelineModel(d, now).from);
    const before = dossierTimelineModel(d, now, null, Date.parse(vn(1)));
    expect(before.from).toBe(Date.parse(vn(1)));
    expect(dossierTimelineModel(d, now).lines.some((l) => l.kind === 'at')).toBe(false);
  });

  it('runs an open dossier from receipt to now, holds still held ending now', () => {
    const d = dossier({
      holds: [
        hold({ from: vn(3), to: vn(5), stepDueAt: vn(4) }),
        hold({ handlerId: 'cb-2', handlerName: 'Trần B', from: vn(5), to: null, stepDueAt: vn(7) }),
      ],
    });
    const now = Date.parse(vn(14, 9));
    const m = dossierTimelineModel(d, now);
    expect(m.from).toBe(Date.parse(vn(3)));
    expect(m.to).toBe(now);
    expect(m.bars[1].to).toBe(now);
    expect(m.bars[0].allottedUntil).toBe(Date.parse(vn(4)));
    expect(m.lines.map((l) => l.kind)).toEqual(['due', 'now']);
  });

  it('shows the original due date when a supplement moved it, and the apology’s proposed date', () => {
    const d = dossier({
      endAt: vn(12, 10),
      originalDueAt: vn(6, 17),
      dueAt: vn(8, 17),
      pauses: [{ from: vn(4), to: vn(6) }],
      apologies: [{ at: vn(9), proposedDueAt: vn(20, 17), reason: 'Cần xác minh' }],
    });
    const m = dossierTimelineModel(d, Date.parse(vn(25)));
    expect(m.lines.map((l) => l.kind)).toEqual(['originalDue', 'due', 'end']);
    // A finished dossier ends at the latest of end, due dates and proposed dates — not today.
    expect(m.to).toBe(Date.parse(vn(20, 17)));
    expect(m.spans).toEqual([{ from: Date.parse(vn(4)), to: Date.parse(vn(6)) }]);
    expect(m.markers[0]).toMatchObject({ kind: 'apology', target: Date.parse(vn(20, 17)) });
  });

  it("flags the holds of the dossier's buck-passing cases, and highlights the case shown while dimming the rest", () => {
    const d = dossier({
      holds: [
        hold({ handlerId: 'r' }),
        hold({ handlerId: 'a', from: vn(4), to: vn(5) }),
        hold({ handlerId: 'b', from: vn(5), to: vn(6) }),
        hold({ handlerId: 'a', from: vn(6), to: vn(7) }),
      ],
      buckPassing: [bpCase('bounce', 1, 3)],
    });
    const now = Date.parse(vn(14));
    expect(dossierTimelineModel(d, now).bars.map((b) => [b.flagged, b.highlight])).toEqual([
      [false, null],
      [true, null],
      [true, null],
      [true, null],
    ]);
    expect(dossierTimelineModel(d, now, 'HS-2025-000123:bounce:1').bars.map((b) => b.highlight)).toEqual([
      'dimmed',
      'case',
      'case',
      'case',
    ]);
    // An id that is not among the dossier's cases highlights nothing.
    expect(dossierTimelineModel(d, now, 'HS-2025-000123:bounce:0').bars.map((b) => b.highlight)).toEqual([null, null, null, null]);
  });
});

describe('taskTimelineModel', () => {
  it('draws the assignee from assignment to now against the deadline in force, with extensions', () => {
    const t = task({
      timeline: [
        { eventId: 'e1', type: 'assigned', at: vn(3), data: {} },
        { eventId: 'e2', type: 'extended', at: vn(9), data: { dueAt: vn(14, 17), reason: 'Chờ số liệu' } },
      ],
    });
    const now = Date.parse(vn(20, 9));
    const m = taskTimelineModel(t, now);
    expect(m.bars).toHaveLength(1);
    expect(m.bars[0]).toMatchObject({ from: Date.parse(vn(3)), to: now, allottedUntil: Date.parse(vn(14, 17)) });
    expect(m.lines.map((l) => l.kind)).toEqual(['originalDue', 'due', 'now']);
    expect(m.markers[0]).toMatchObject({ kind: 'extension', target: Date.parse(vn(14, 17)) });
  });
});
