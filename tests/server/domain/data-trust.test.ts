import { describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { DEFAULT_DATA_TRUST_SETTINGS } from '../../../server/domain/accountability-settings.js';
import {
  completionBurstMembers,
  contentKey,
  dossierFlags,
  latestLawfulDue,
  payloadContentKey,
  type TrustContext,
  type TrustEvent,
} from '../../../server/domain/data-trust.js';
import { foldDossier, type DossierContext } from '../../../server/domain/dossier.js';
import { MS_PER_MINUTE, parseIsoWithOffset } from '../../../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS, type DossierEvent } from '../../../server/domain/types.js';

const calendar = loadWorkCalendar();
const dctx: DossierContext = { calendar, settings: DEFAULT_DOMAIN_SETTINGS };
const tctx: TrustContext = { calendar, settings: DEFAULT_DATA_TRUST_SETTINGS, historyUntil: -Infinity };

function vn(local: string): number {
  const t = parseIsoWithOffset(`${local}+07:00`);
  if (t === null) throw new Error(`bad test time ${local}`);
  return t;
}

const procedure = { code: '1.001', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 };
// Received Mon 2/3/2026 09:00; 3 working days from Tue 3/3 → due Thu 5/3 end of day at the latest.
const RECEIVED = vn('2026-03-02T09:00:00');
const LAWFUL_DUE = vn('2026-03-05T17:00:00');

type Sent = DossierEvent & { arrivedAt?: number; sourceId?: number };

let n = 0;
function ev(type: DossierEvent['type'], at: number, extra: Record<string, unknown> = {}): Sent {
  const base = { id: `e${++n}`, dossierId: 'HS-1', type, at, ...extra } as Sent;
  if (type === 'received') Object.assign(base, { unit: '26734', procedure, channel: 'online', dueAt: LAWFUL_DUE });
  if (type === 'assigned' && !('handler' in extra)) Object.assign(base, { handler: { id: 'cb1', name: 'Cán bộ 1', unit: '26734' } });
  return base;
}

/** The dossier's flags: each event arrives when it claims to (or at `arrivedAt`), from source 1 (or `sourceId`). */
function flagsOf(events: Sent[], ctx: TrustContext = tctx) {
  const domain = events.map(({ arrivedAt: _a, sourceId: _s, ...e }) => e as DossierEvent);
  const state = foldDossier(domain, dctx, 'HS-1');
  const trust: TrustEvent[] = events.map((e, i) => ({
    seq: i + 1,
    sourceId: e.sourceId ?? 1,
    eventId: e.id,
    type: e.type,
    at: e.at,
    arrivedAt: e.arrivedAt ?? e.at + 1000,
    contentKey: contentKey(domain[i]),
  }));
  return dossierFlags(state, trust, ctx);
}
const rules = (events: Sent[], ctx?: TrustContext) => flagsOf(events, ctx).map((f) => f.rule);

const honest = () => [
  ev('received', RECEIVED),
  ev('assigned', RECEIVED + 10 * MS_PER_MINUTE),
  ev('processed', vn('2026-03-04T10:00:00')),
  ev('returned', vn('2026-03-04T15:00:00')),
];

describe('data trust: one dossier', () => {
  it('an honest dossier is not flagged', () => {
    expect(rules(honest())).toEqual([]);
  });

  it('end_before_receipt: processing ended before the receipt', () => {
    const f = flagsOf([ev('received', RECEIVED), ev('processed', RECEIVED - 3600_000)]);
    expect(f.map((x) => x.rule)).toContain('end_before_receipt');
    const flag = f.find((x) => x.rule === 'end_before_receipt')!;
    expect(flag.evidence.map((e) => e.type)).toEqual(['received', 'processed']);
    expect(flag.evidence[1].limitAt).toBe(RECEIVED);
  });

  it('due_beyond_legal: a due date later than the legal working days allow', () => {
    const events = honest();
    (events[0] as { dueAt: number }).dueAt = vn('2026-03-06T17:00:00');
    const flag = flagsOf(events).find((x) => x.rule === 'due_beyond_legal')!;
    expect(flag.evidence[0].limitAt).toBe(latestLawfulDue(RECEIVED, 3, calendar));
  });

  it('due_beyond_legal: the lawful due date counted from the next working day, even over a weekend, is not flagged', () => {
    // Received Friday 6/3 16:30: three working days from Monday 9/3 → Wednesday 11/3.
    const events = [ev('received', vn('2026-03-06T16:30:00'))];
    (events[0] as { dueAt: number }).dueAt = vn('2026-03-11T17:00:00');
    expect(rules(events)).toEqual([]);
    (events[0] as { dueAt: number }).dueAt = vn('2026-03-12T08:00:00');
    expect(rules(events)).toEqual(['due_beyond_legal']);
  });

  it('backdated: an event that arrived more than 2 working days after its instant', () => {
    const events = honest();
    events[2].arrivedAt = vn('2026-03-09T09:00:00'); // Wed 4/3 10:00 → Mon 9/3 09:00: 2 days 7 h of work
    const flag = flagsOf(events).find((x) => x.rule === 'backdated')!;
    expect(flag.evidence.map((e) => e.eventId)).toEqual([events[2].id]);
  });

  it('backdated: two working days late over a weekend is not flagged, nor a history load', () => {
    const events = honest();
    events[2].arrivedAt = vn('2026-03-06T09:00:00'); // Wed 10:00 → Fri 09:00: under 2 working days
    expect(rules(events)).toEqual([]);
    events[2].arrivedAt = vn('2026-03-20T09:00:00');
    expect(rules(events, { ...tctx, historyUntil: vn('2026-03-21T00:00:00') })).toEqual([]);
  });

  it('supplement_before_due: a first supplement request in the last working hours before the due date', () => {
    const events = [...honest().slice(0, 2), ev('supplement_requested', vn('2026-03-05T15:00:00'))];
    const flag = flagsOf(events).find((x) => x.rule === 'supplement_before_due')!;
    expect(flag.evidence[0].limitAt).toBe(LAWFUL_DUE);
    expect(flag.official).toEqual({ id: 'cb1', name: 'Cán bộ 1' });
  });

  it('supplement_before_due: a supplement request a working day before the due date is not flagged', () => {
    const events = [...honest().slice(0, 2), ev('supplement_requested', vn('2026-03-04T15:00:00'))];
    expect(rules(events)).toEqual([]);
  });

  it('second_supplement: a second supplement request', () => {
    const events = [
      ...honest().slice(0, 2),
      ev('supplement_requested', vn('2026-03-02T14:00:00')),
      ev('supplement_received', vn('2026-03-03T09:00:00')),
      ev('supplement_requested', vn('2026-03-03T10:00:00'), { reason: 'thiếu bản sao' }),
    ];
    const flag = flagsOf(events).find((x) => x.rule === 'second_supplement')!;
    expect(flag.evidence).toHaveLength(2);
    expect(rules(events.slice(0, 3))).toEqual([]);
  });

  it('synced_after_finish: a dossier received in person whose first event reached us after it was finished', () => {
    const events = honest();
    (events[0] as { channel: string }).channel = 'in_person';
    const late = vn('2026-03-04T16:00:00');
    for (const e of events) e.arrivedAt = late;
    expect(rules(events)).toContain('synced_after_finish');
  });

  it('synced_after_finish: an online dossier synced late, or an in-person one synced as it went, is not flagged', () => {
    const events = honest();
    const late = vn('2026-03-04T16:00:00');
    for (const e of events) e.arrivedAt = late;
    expect(rules(events)).not.toContain('synced_after_finish');
    const live = honest();
    (live[0] as { channel: string }).channel = 'in_person';
    expect(rules(live)).toEqual([]);
  });

  it('identical_bounce: the same event sent again by one source under a new id', () => {
    const events = honest();
    const copy = { ...events[2], id: 'e-copy' };
    const flag = flagsOf([...events, copy]).find((x) => x.rule === 'identical_bounce')!;
    expect(flag.evidence.map((e) => e.eventId).sort()).toEqual([events[2].id, 'e-copy'].sort());
  });

  it('identical_bounce: the same content from two different sources is not flagged', () => {
    const events = honest();
    const copy = { ...events[1], id: 'e-other', sourceId: 2 };
    expect(rules([...events, copy])).not.toContain('identical_bounce');
  });

  it('finds the same flags whatever order the events arrived in', () => {
    const events = honest();
    (events[0] as { dueAt: number }).dueAt = vn('2026-03-10T17:00:00');
    const a = flagsOf(events);
    const b = flagsOf(events.slice().reverse());
    expect(b).toEqual(a);
  });
});

describe('data trust: completion_burst', () => {
  const settings = { burstCompletions: 3, burstMinutes: 5 };
  const at = (mins: number[]) => mins.map((m, i) => ({ dossierId: `HS-${i}`, at: m * MS_PER_MINUTE }));

  it('completion_burst: N completions by one official within M minutes are all flagged', () => {
    expect(completionBurstMembers(at([0, 1, 2, 30]), settings)).toEqual([0, 1, 2]);
    expect(completionBurstMembers(at([0, 10, 11, 12, 13]), settings)).toEqual([1, 2, 3, 4]);
  });

  it('completion_burst: the same number spread over more than M minutes is not flagged', () => {
    expect(completionBurstMembers(at([0, 3, 6, 9, 12]), settings)).toEqual([]);
    expect(completionBurstMembers(at([0, 2, 5]), settings)).toEqual([]);
  });
});

describe('data trust: the content key of a logged payload', () => {
  const resend = (id: string, where: 'first' | 'middle' | 'last', note = 'x') => {
    const body = { type: 'processed', dossierId: 'D1', at: '2026-12-04T10:00:00+07:00', note };
    const ordered =
      where === 'first'
        ? { id, ...body }
        : where === 'last'
          ? { ...body, id }
          : { type: body.type, id, dossierId: body.dossierId, at: body.at, note };
    return JSON.stringify(ordered);
  };

  it('is the same for a resend under a new id, wherever the id stands in the payload', () => {
    for (const where of ['first', 'middle', 'last'] as const) {
      expect(payloadContentKey(resend('e-1', where), 'e-1')).toBe(payloadContentKey(resend('e-22', where), 'e-22'));
    }
  });

  it('differs for different content, and for the same content with the id elsewhere', () => {
    expect(payloadContentKey(resend('e-1', 'first'), 'e-1')).not.toBe(payloadContentKey(resend('e-1', 'first', 'y'), 'e-1'));
    expect(payloadContentKey(resend('e-1', 'first'), 'e-1')).not.toBe(payloadContentKey(resend('e-1', 'last'), 'e-1'));
  });
});
