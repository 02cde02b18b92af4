import { describe, expect, it } from 'vitest';
import { bounceFlags, dossierTimelineModel, taskTimelineModel } from '../../../client/features/item/timeline-model';
import { dossier, hold, task, vn } from './factories';

describe('bounceFlags', () => {
  it('flags a holder who gets the dossier back after someone else (A→B→A)', () => {
    expect(bounceFlags([{ handlerId: 'a' }, { handlerId: 'b' }, { handlerId: 'a' }])).toEqual([false, false, true]);
  });

  it('does not flag consecutive holds by the same person or first holds', () => {
    expect(bounceFlags([{ handlerId: 'a' }, { handlerId: 'a' }, { handlerId: 'b' }, { handlerId: 'c' }])).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('flags a return after several others (A→B→C→A)', () => {
    expect(bounceFlags([{ handlerId: 'a' }, { handlerId: 'b' }, { handlerId: 'c' }, { handlerId: 'a' }])).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});

describe('dossierTimelineModel', () => {
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

  it('marks the bounced hold', () => {
    const d = dossier({
      holds: [hold({ handlerId: 'a' }), hold({ handlerId: 'b', from: vn(4), to: vn(5) }), hold({ handlerId: 'a', from: vn(5), to: vn(6) })],
    });
    expect(dossierTimelineModel(d, Date.parse(vn(14))).bars.map((b) => b.bounced)).toEqual([false, false, true]);
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
