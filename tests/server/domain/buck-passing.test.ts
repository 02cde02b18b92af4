import { describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { buckPassingCaseCount, buckPassingCases, findCaseRanges } from '../../../server/domain/buck-passing.js';
import { DEFAULT_ACCOUNTABILITY_SETTINGS } from '../../../server/domain/accountability-settings.js';
import { applyDossierEvent, foldDossier, type DossierContext } from '../../../server/domain/dossier.js';
import { MS_PER_HOUR, parseIsoWithOffset } from '../../../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import type { DossierEvent, DossierState } from '../../../server/domain/types.js';

const calendar = loadWorkCalendar();
const ctx: DossierContext = { calendar, settings: DEFAULT_DOMAIN_SETTINGS };
const settings = DEFAULT_ACCOUNTABILITY_SETTINGS;

function vn(local: string): number {
  const t = parseIsoWithOffset(`${local}+07:00`);
  if (t === null) throw new Error(`bad test time ${local}`);
  return t;
}

let seq = 0;
const procedure = { code: '1.009994', name: 'Cấp giấy phép xây dựng', field: 'Xây dựng', legalDays: 15 };

/** One hand-over: [official, unit, step end as 'DD HH:MM' of March 2026 or null, at as 'DD HH:MM']. */
type Step = [official: string, unit: string, stepDue: string | null, at: string];
const mar = (dhm: string) => vn(`2026-03-${dhm.replace(' ', 'T')}`);

/**
 * A dossier of ward 26734 received Mon 2/3/2026 08:00 with these hand-overs in order, and
 * supplement requests (and returns) at the given instants.
 */
function dossier(steps: Step[], extra: DossierEvent[] = []): DossierState {
  const events: DossierEvent[] = [
    {
      id: `e${++seq}`,
      type: 'received',
      dossierId: 'HS-1',
      at: mar('02 08:00'),
      unit: '26734',
      procedure,
      channel: 'online',
      dueAt: mar('23 17:00'),
    },
    ...steps.map(([id, unit, due, at]): DossierEvent => ({
      id: `e${++seq}`,
      type: 'assigned',
      dossierId: 'HS-1',
      at: mar(at),
      handler: { id, name: `Cán bộ ${id}`, unit },
      ...(due === null ? {} : { stepDueAt: mar(due) }),
    })),
    ...extra,
  ];
  return foldDossier(events, ctx);
}
const supplement = (type: 'supplement_requested' | 'supplement_received', at: string): DossierEvent =>
  ({ id: `e${++seq}`, type, dossierId: 'HS-1', at: mar(at) }) as DossierEvent;

const W = '26734';
const W2 = '26737';
const DEPT = 'SXD';
const rules = (s: DossierState) => findCaseRanges(s.holds, s.pauses, settings).map((r) => [r.rule, r.first, r.last]);

describe('buck-passing: bounce', () => {
  it('flags A → B → A within one step, with the cycle, the officials and the working hours between the hand-overs', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['A', W, '06 17:00', '02 09:00'],
      ['B', W, '06 17:00', '03 09:00'],
      ['A', W, '06 17:00', '04 09:00'],
    ]);
    const cases = buckPassingCases(s, settings, calendar);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      id: 'HS-1:bounce:1',
      rule: 'bounce',
      firstHold: 1,
      lastHold: 3,
      firstHandoverAt: mar('03 09:00'),
      lastHandoverAt: mar('04 09:00'),
      lostWorkingMs: 8 * MS_PER_HOUR,
      unit: W,
      officials: [
        { id: 'A', name: 'Cán bộ A', unit: W },
        { id: 'B', name: 'Cán bộ B', unit: W },
      ],
    });
  });

  it('flags the longer cycle A → B → C → A', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['A', W, '06 17:00', '02 09:00'],
      ['B', W, '06 17:00', '02 10:00'],
      ['C', W, '06 17:00', '02 14:00'],
      ['A', W, '06 17:00', '03 09:00'],
    ]);
    expect(rules(s)).toEqual([['bounce', 1, 4]]);
  });

  it('keeps back-and-forth over the same cycle as one case (A → B → A → B → A)', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['A', W, '06 17:00', '02 09:00'],
      ['B', W, '06 17:00', '02 10:00'],
      ['A', W, '06 17:00', '02 14:00'],
      ['B', W, '06 17:00', '03 09:00'],
      ['A', W, '06 17:00', '03 14:00'],
    ]);
    expect(rules(s)).toEqual([['bounce', 1, 5]]);
  });

  it('is found as the hand-overs come in, event by event, with the same id', () => {
    let s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['A', W, '06 17:00', '02 09:00'],
      ['B', W, '06 17:00', '02 10:00'],
    ]);
    expect(buckPassingCaseCount(s, settings)).toBe(0);
    s = applyDossierEvent(
      s,
      {
        id: 'back',
        type: 'assigned',
        dossierId: 'HS-1',
        at: mar('02 14:00'),
        handler: { id: 'A', name: 'Cán bộ A', unit: W },
        stepDueAt: mar('06 17:00'),
      },
      ctx,
    );
    expect(buckPassingCaseCount(s, settings)).toBe(1);
    expect(buckPassingCases(s, settings, calendar).map((c) => c.id)).toEqual(['HS-1:bounce:1']);
  });
});

describe('buck-passing: sent back', () => {
  it('flags a return to an earlier step without a supplement request, the forward hand-over that ends it included', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['S', W, '05 17:00', '02 09:00'],
      ['L', W, '06 17:00', '04 09:00'],
      ['S', W, '06 17:00', '04 15:00'],
      ['L', W, '06 17:00', '05 09:00'],
    ]);
    const cases = buckPassingCases(s, settings, calendar);
    expect(cases.map((c) => [c.rule, c.firstHold, c.lastHold])).toEqual([['sent_back', 2, 4]]);
    // 15:00–17:00 and 07:30–09:00 the next morning.
    expect(cases[0].lostWorkingMs).toBe(3.5 * MS_PER_HOUR);
  });

  it('keeps a sent-back case ongoing, with no time lost yet, until the dossier is passed forward again', () => {
    const back = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['S', W, '05 17:00', '02 09:00'],
      ['L', W, '06 17:00', '04 09:00'],
      ['S', W, '06 17:00', '04 15:00'],
    ]);
    expect(buckPassingCases(back, settings, calendar)).toMatchObject([
      { rule: 'sent_back', firstHold: 2, lastHold: 3, ongoing: true, lostWorkingMs: 0 },
    ]);
    const forward = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['S', W, '05 17:00', '02 09:00'],
      ['L', W, '06 17:00', '04 09:00'],
      ['S', W, '06 17:00', '04 15:00'],
      ['L', W, '06 17:00', '05 09:00'],
    ]);
    expect(buckPassingCases(forward, settings, calendar)).toMatchObject([{ rule: 'sent_back', ongoing: false }]);
  });

  it('flags a return to the receiving desk without a supplement request', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['S', W, '05 17:00', '02 09:00'],
      ['R', W, '05 17:00', '03 09:00'],
      ['S', W, '05 17:00', '03 10:00'],
    ]);
    expect(rules(s)).toEqual([['sent_back', 1, 3]]);
  });

  it('does not flag a supplement request that returns the dossier to the desk, nor its way back', () => {
    const s = dossier(
      [
        ['R', W, '02 12:00', '02 08:10'],
        ['S', W, '05 17:00', '02 09:00'],
        ['R', W, '05 17:00', '03 09:00'],
        ['S', W, '09 17:00', '05 10:00'],
      ],
      [supplement('supplement_requested', '03 09:00'), supplement('supplement_received', '05 10:00')],
    );
    expect(rules(s)).toEqual([]);
  });

  it('does not flag a hand-over when the supplement was requested between the previous hand-over and it', () => {
    const s = dossier(
      [
        ['R', W, '02 12:00', '02 08:10'],
        ['S', W, '05 17:00', '02 09:00'],
        ['R', W, '05 17:00', '03 11:00'],
      ],
      [supplement('supplement_requested', '03 10:30')],
    );
    expect(rules(s)).toEqual([]);
  });

  it('without step ends from the source, a hand-over back to an earlier holder is a return, not a completed step', () => {
    const s = dossier([
      ['R', W, null, '02 08:10'],
      ['S', W, null, '02 09:00'],
      ['L', W, null, '03 09:00'],
      ['S', W, null, '03 15:00'],
      ['L', W, null, '04 09:00'],
    ]);
    expect(rules(s)).toEqual([['sent_back', 2, 4]]);
  });
});

describe('buck-passing: pass-around', () => {
  it('flags more than 4 hand-overs in a row with no step completed', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['A', W, '09 17:00', '02 09:00'],
      ['B', W, '09 17:00', '02 10:00'],
      ['A', W, '09 17:00', '02 14:00'],
      ['B', W, '09 17:00', '03 09:00'],
      ['A', W, '09 17:00', '03 14:00'],
      ['B', W, '09 17:00', '04 09:00'],
    ]);
    // Hand-overs within A's step: 5 (> 4); the back-and-forth is a bounce as well.
    expect(rules(s)).toEqual([
      ['bounce', 1, 6],
      ['pass_around', 1, 6],
    ]);
  });

  it('flags more than 3 officials holding it within one step', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['A', W, '09 17:00', '02 09:00'],
      ['B', W, '09 17:00', '02 10:00'],
      ['C', W, '09 17:00', '02 14:00'],
      ['D', W, '09 17:00', '03 09:00'],
    ]);
    const cases = buckPassingCases(s, settings, calendar);
    expect(cases.map((c) => [c.rule, c.firstHold, c.lastHold])).toEqual([['pass_around', 1, 4]]);
    expect(cases[0].officials.map((o) => o.id)).toEqual(['A', 'B', 'C', 'D']);
    expect([cases[0].firstHandoverAt, cases[0].lastHandoverAt]).toEqual([mar('02 10:00'), mar('03 09:00')]);
  });

  it('follows the settings: 3 officials in a step are not too many by default, but are with a limit of 2', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['A', W, '09 17:00', '02 09:00'],
      ['B', W, '09 17:00', '02 10:00'],
      ['C', W, '09 17:00', '02 14:00'],
    ]);
    expect(findCaseRanges(s.holds, s.pauses, settings)).toEqual([]);
    expect(findCaseRanges(s.holds, s.pauses, { ...settings, passAroundHolders: 2 }).map((r) => r.rule)).toEqual(['pass_around']);
  });
});

describe('buck-passing: cross-unit ping-pong', () => {
  it('flags ward → department → back to the ward official without the step completed (liên thông qua lại)', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['S', W, '05 17:00', '02 09:00'],
      ['P', DEPT, '09 17:00', '03 09:00'],
      ['S', W, '09 17:00', '04 09:00'],
      ['P', DEPT, '09 17:00', '05 09:00'],
    ]);
    const cases = buckPassingCases(s, settings, calendar);
    expect(cases.map((c) => [c.rule, c.firstHold, c.lastHold])).toEqual([['cross_unit', 1, 4]]);
    expect(cases[0].officials).toEqual([
      { id: 'S', name: 'Cán bộ S', unit: W },
      { id: 'P', name: 'Cán bộ P', unit: DEPT },
    ]);
  });

  it('flags ward → ward and back', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['S', W, '05 17:00', '02 09:00'],
      ['Q', W2, '05 17:00', '03 09:00'],
      ['S', W, '05 17:00', '03 15:00'],
    ]);
    expect(rules(s)).toEqual([['cross_unit', 1, 3]]);
  });

  it('does not flag a planned inter-level route: ward specialist → department → ward leader, each a new step', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['S', W, '04 17:00', '02 09:00'],
      ['P', DEPT, '09 17:00', '03 09:00'],
      ['L', W, '10 17:00', '06 09:00'],
    ]);
    expect(rules(s)).toEqual([]);
  });
});

describe('buck-passing: never flagged', () => {
  it('a planned route A → B → C, each a new step', () => {
    const s = dossier([
      ['A', W, '02 12:00', '02 08:10'],
      ['B', W, '05 17:00', '02 09:00'],
      ['C', W, '06 17:00', '04 09:00'],
    ]);
    expect(rules(s)).toEqual([]);
  });

  it('a planned route A → B → C without step ends from the source', () => {
    const s = dossier([
      ['A', W, null, '02 08:10'],
      ['B', W, null, '02 09:00'],
      ['C', W, null, '04 09:00'],
    ]);
    expect(rules(s)).toEqual([]);
  });

  it('an official reassigned to themselves, however often', () => {
    const s = dossier([
      ['R', W, '02 12:00', '02 08:10'],
      ['A', W, '06 17:00', '02 09:00'],
      ['A', W, '06 17:00', '02 10:00'],
      ['A', W, '06 17:00', '02 11:00'],
      ['A', W, '06 17:00', '02 14:00'],
      ['A', W, '06 17:00', '02 15:00'],
      ['A', W, '06 17:00', '02 16:00'],
      ['B', W, '09 17:00', '03 09:00'],
    ]);
    expect(rules(s)).toEqual([]);
  });

  it('a hand-over after the end of processing (the fold ignores it)', () => {
    const s = dossier(
      [
        ['R', W, '02 12:00', '02 08:10'],
        ['A', W, '06 17:00', '02 09:00'],
        ['B', W, '06 17:00', '03 09:00'],
      ],
      [
        { id: 'done', type: 'processed', dossierId: 'HS-1', at: mar('04 09:00') },
        { id: 'late', type: 'assigned', dossierId: 'HS-1', at: mar('04 10:00'), handler: { id: 'A', name: 'Cán bộ A', unit: W } },
      ],
    );
    expect(s.holds).toHaveLength(3);
    expect(rules(s)).toEqual([]);
  });

  it('a dossier with one holder or none', () => {
    expect(rules(dossier([]))).toEqual([]);
    expect(rules(dossier([['R', W, '02 12:00', '02 08:10']]))).toEqual([]);
  });
});
