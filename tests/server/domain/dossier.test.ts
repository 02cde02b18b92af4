import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import {
  applyDossierEvent,
  applyDossierEventInPlace,
  classifyDossier,
  copyDossierState,
  emptyDossierState,
  foldDossier,
  holdDurations,
  judgeAt,
} from '../../../server/domain/dossier.js';
import type { DossierContext } from '../../../server/domain/dossier.js';
import { MS_PER_HOUR, parseDueDate, parseIsoWithOffset, toVnIso } from '../../../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import type { DossierEvent, DossierState } from '../../../server/domain/types.js';
import { advanceDossier, advanceOwnedDossier } from '../../../server/domain/fold.js';

const calendar = loadWorkCalendar();
const ctx: DossierContext = { calendar, settings: DEFAULT_DOMAIN_SETTINGS };
const H = MS_PER_HOUR;

/** Epoch ms of a Vietnam wall-clock time 'YYYY-MM-DDTHH:MM'. */
function vn(local: string): number {
  const t = parseIsoWithOffset(`${local}+07:00`);
  if (t === null) throw new Error(`bad test time ${local}`);
  return t;
}
const iso = (t: number | null): string | null => (t === null ? null : toVnIso(t).slice(0, 23));

let seq = 0;
type Payload<T extends DossierEvent['type']> = Omit<Extract<DossierEvent, { type: T }>, 'id' | 'dossierId' | 'at' | 'type'>;
function ev<T extends DossierEvent['type']>(type: T, at: string, payload?: Payload<T>): DossierEvent {
  seq += 1;
  return { id: `e${seq}`, dossierId: 'HS-1', at: vn(at), type, ...payload } as DossierEvent;
}

const procedure = { code: '1.001', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 };
/** Received Mon 2/3/2026 08:00, due Thu 5/3/2026 at `due` (a bare date or an ISO date-time). */
const received = (due = '2026-03-05T17:00:00+07:00', at = '2026-03-02T08:00'): DossierEvent =>
  ev('received', at, { unit: '26734', procedure, channel: 'online', dueAt: parseDueDate(due)! });
const handler = (id: string) => ({ id, name: `Cán bộ ${id}`, unit: '26734' });

describe('foldDossier', () => {
  it('closes the previous hold when reassigned', () => {
    const s = foldDossier(
      [
        received(),
        ev('assigned', '2026-03-02T09:00', { handler: handler('A') }),
        ev('assigned', '2026-03-03T10:00', { handler: handler('B') }),
      ],
      ctx,
    );
    expect(s.holds.map((h) => [h.handlerId, iso(h.from), iso(h.to)])).toEqual([
      ['A', '2026-03-02T09:00:00.000', '2026-03-03T10:00:00.000'],
      ['B', '2026-03-03T10:00:00.000', null],
    ]);
    expect(s.status).toBe('processing');
    expect(s.bucket).toBe('in_progress');
  });

  it('opens a pause and counts the request when a supplement is requested', () => {
    const s = foldDossier([received(), ev('supplement_requested', '2026-03-03T09:00')], ctx);
    expect(s.pauses).toEqual([{ from: vn('2026-03-03T09:00'), to: null }]);
    expect(s.supplementRequests).toBe(1);
    expect(s.bucket).toBe('awaiting_supplement');
  });

  it('extends the due date by the paused working time when the supplement comes back without a new due date', () => {
    const s = foldDossier([received(), ev('supplement_requested', '2026-03-03T09:00'), ev('supplement_received', '2026-03-04T09:00')], ctx);
    expect(iso(s.dueAt)).toBe('2026-03-06T17:00:00.000');
    expect(iso(s.originalDueAt)).toBe('2026-03-05T17:00:00.000');
    expect(s.pauses).toEqual([{ from: vn('2026-03-03T09:00'), to: vn('2026-03-04T09:00') }]);
    expect(s.status).toBe('processing');
  });

  it('keeps a bare-date due at the end of a day when extending it', () => {
    const s = foldDossier(
      [received('2026-03-05'), ev('supplement_requested', '2026-03-03T09:00'), ev('supplement_received', '2026-03-04T09:00')],
      ctx,
    );
    expect(iso(s.dueAt)).toBe('2026-03-06T23:59:59.999');
  });

  it('extends over days off: a pause of one working day before Tết moves the due date past it', () => {
    const s = foldDossier(
      [
        received('2026-02-13T17:00:00+07:00', '2026-02-10T08:00'),
        ev('supplement_requested', '2026-02-11T09:00'),
        ev('supplement_received', '2026-02-12T09:00'),
      ],
      ctx,
    );
    expect(iso(s.dueAt)).toBe('2026-02-23T17:00:00.000');
  });

  it('keeps the due date when extension by paused time is turned off', () => {
    const s = foldDossier([received(), ev('supplement_requested', '2026-03-03T09:00'), ev('supplement_received', '2026-03-04T09:00')], {
      calendar,
      settings: { ...DEFAULT_DOMAIN_SETTINGS, extendDueByPausedTime: false },
    });
    expect(iso(s.dueAt)).toBe('2026-03-05T17:00:00.000');
  });

  it('uses the new due date sent with the returned supplement', () => {
    const s = foldDossier(
      [
        received(),
        ev('supplement_requested', '2026-03-03T09:00'),
        ev('supplement_received', '2026-03-04T09:00', { dueAt: vn('2026-03-09T17:00') }),
      ],
      ctx,
    );
    expect(iso(s.dueAt)).toBe('2026-03-09T17:00:00.000');
  });

  it('does not move the due date when an apology is issued', () => {
    const events = [
      received(),
      ev('apology_issued', '2026-03-05T16:00', { proposedDueAt: vn('2026-03-10T17:00'), reason: 'Chờ xác minh' }),
      ev('processed', '2026-03-09T10:00'),
    ];
    const s = foldDossier(events, ctx);
    expect(iso(s.dueAt)).toBe('2026-03-05T17:00:00.000');
    expect(s.apologies).toEqual([{ at: vn('2026-03-05T16:00'), proposedDueAt: vn('2026-03-10T17:00'), reason: 'Chờ xác minh' }]);
    expect(classifyDossier(s, vn('2026-03-09T12:00'), ctx).timeliness).toBe('late');
  });

  it('takes processed over returned as the end of processing', () => {
    const s = foldDossier([received(), ev('processed', '2026-03-04T10:00'), ev('returned', '2026-03-06T09:00')], ctx);
    expect(s.endKind).toBe('processed');
    expect(iso(s.endAt)).toBe('2026-03-04T10:00:00.000');
    expect(iso(s.returnedAt)).toBe('2026-03-06T09:00:00.000');
    expect(s.status).toBe('returned');
    expect(s.bucket).toBe('done');

    const late = foldDossier([received(), ev('returned', '2026-03-04T10:00'), ev('processed', '2026-03-04T11:00')], ctx);
    expect(late.endKind).toBe('processed');
    expect(iso(late.endAt)).toBe('2026-03-04T11:00:00.000');
    expect(late.status).toBe('returned');
  });

  it('takes returned as the end when no processed step arrives', () => {
    const s = foldDossier([received(), ev('returned', '2026-03-04T10:00')], ctx);
    expect(s.endKind).toBe('returned');
    expect(iso(s.endAt)).toBe('2026-03-04T10:00:00.000');
  });

  it('takes processed over an earlier stop as the end of processing', () => {
    const s = foldDossier([received(), ev('stopped', '2026-03-03T10:00'), ev('processed', '2026-03-04T10:00')], ctx);
    expect(s.endKind).toBe('processed');
    expect(iso(s.endAt)).toBe('2026-03-04T10:00:00.000');
    expect(s.status).toBe('processed');
  });

  it('closes the open hold and pause at the end of processing', () => {
    const s = foldDossier(
      [
        received(),
        ev('assigned', '2026-03-02T09:00', { handler: handler('A') }),
        ev('supplement_requested', '2026-03-03T09:00'),
        ev('stopped', '2026-03-04T09:00', { reason: 'Không bổ sung' }),
      ],
      ctx,
    );
    expect(s.holds[0].to).toBe(vn('2026-03-04T09:00'));
    expect(s.pauses[0].to).toBe(vn('2026-03-04T09:00'));
    expect(s.bucket).toBe('paused');
  });

  it('ignores assignments and supplements after the end of processing', () => {
    const s = foldDossier(
      [
        received(),
        ev('processed', '2026-03-03T09:00'),
        ev('assigned', '2026-03-03T10:00', { handler: handler('Desk') }),
        ev('supplement_requested', '2026-03-03T11:00'),
      ],
      ctx,
    );
    expect(s.holds).toEqual([]);
    expect(s.supplementRequests).toBe(0);
    expect(s.eventCount).toBe(4);
  });

  it('records the rating and keeps the complaint', () => {
    const s = foldDossier(
      [
        received(),
        ev('returned', '2026-03-04T10:00'),
        ev('rated', '2026-03-04T11:00', { rating: 'unsatisfied', complaint: 'Chờ lâu' }),
        ev('rated', '2026-03-05T11:00', { rating: 'satisfied' }),
      ],
      ctx,
    );
    expect(s.rating).toBe('satisfied');
    expect(s.complaint).toBe('Chờ lâu');
  });

  it('tolerates events dated before the receipt', () => {
    const s = foldDossier([ev('assigned', '2026-03-02T07:59', { handler: handler('A') }), received()], ctx);
    expect(s.receivedAt).toBe(vn('2026-03-02T08:00'));
    expect(s.status).toBe('processing');
    expect(s.holds).toHaveLength(1);
    expect(classifyDossier(s, vn('2026-03-03T09:00'), ctx).timeliness).toBe('in_term');
  });

  it('folds out-of-order events to the same state as in-order', () => {
    const inOrder = [
      received(),
      ev('assigned', '2026-03-02T09:00', { handler: handler('A') }),
      ev('supplement_requested', '2026-03-03T09:00'),
      ev('supplement_received', '2026-03-04T09:00'),
      ev('assigned', '2026-03-04T10:00', { handler: handler('B'), stepDueAt: vn('2026-03-05T10:00') }),
      ev('apology_issued', '2026-03-06T16:00', { proposedDueAt: vn('2026-03-10T17:00'), reason: 'x' }),
      ev('processed', '2026-03-09T10:00'),
      ev('returned', '2026-03-09T14:00'),
      ev('rated', '2026-03-09T15:00', { rating: 'unsatisfied', complaint: 'Trễ' }),
    ];
    const expected = foldDossier(inOrder, ctx);
    fc.assert(
      fc.property(fc.shuffledSubarray(inOrder, { minLength: inOrder.length }), (shuffled) => {
        expect(foldDossier(shuffled, ctx)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('equals repeated application of the sorted events', () => {
    const events = [
      ev('processed', '2026-03-04T10:00'),
      received(),
      ev('assigned', '2026-03-02T09:00', { handler: handler('A') }),
      ev('supplement_requested', '2026-03-03T09:00'),
      ev('supplement_received', '2026-03-03T14:00'),
    ];
    const sorted = events.slice().sort((a, b) => a.at - b.at);
    const applied = sorted.reduce((s, e) => applyDossierEvent(s, e, ctx), emptyDossierState('HS-1'));
    expect(foldDossier(events, ctx)).toEqual(applied);
  });

  it('keeps arrival order for events at the same instant', () => {
    const at = '2026-03-02T09:00';
    const s = foldDossier([received(), ev('assigned', at, { handler: handler('A') }), ev('assigned', at, { handler: handler('B') })], ctx);
    expect(s.holds.map((h) => h.handlerId)).toEqual(['A', 'B']);
    expect(s.holds[1].to).toBeNull();
  });

  it('does not mutate the state it is given', () => {
    const before = foldDossier([received(), ev('assigned', '2026-03-02T09:00', { handler: handler('A') })], ctx);
    const snapshot = structuredClone(before);
    applyDossierEvent(before, ev('processed', '2026-03-03T09:00'), ctx);
    expect(before).toEqual(snapshot);
  });

  it('folds in place onto an owned copy to the same state, leaving the state it was copied from as it was', () => {
    const events = [
      received(),
      ev('assigned', '2026-03-02T09:00', { handler: handler('A') }),
      ev('supplement_requested', '2026-03-03T09:00'),
      ev('supplement_received', '2026-03-04T09:00'),
      ev('assigned', '2026-03-04T10:00', { handler: handler('B'), stepDueAt: vn('2026-03-05T10:00') }),
      ev('apology_issued', '2026-03-06T16:00', { proposedDueAt: vn('2026-03-10T17:00'), reason: 'x' }),
      ev('processed', '2026-03-09T10:00'),
      ev('rated', '2026-03-09T15:00', { rating: 'unsatisfied', complaint: 'Trễ' }),
    ];
    for (let split = 1; split < events.length; split++) {
      const handedOut = foldDossier(events.slice(0, split), ctx);
      const snapshot = structuredClone(handedOut);
      const owned = copyDossierState(handedOut);
      for (const e of events.slice(split)) applyDossierEventInPlace(owned, e, ctx);
      expect(owned).toEqual(foldDossier(events, ctx));
      expect(handedOut).toEqual(snapshot);
    }
  });
});

describe('advanceOwnedDossier', () => {
  it('reaches the state of a fold of the whole log, in order or not, without touching states handed out', () => {
    const log = [
      received(),
      ev('assigned', '2026-03-02T09:00', { handler: handler('A') }),
      ev('supplement_requested', '2026-03-03T09:00'),
      ev('supplement_received', '2026-03-04T09:00'),
      ev('assigned', '2026-03-04T10:00', { handler: handler('B') }),
      ev('processed', '2026-03-09T10:00'),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(log, { minLength: log.length }), fc.integer({ min: 1, max: log.length - 1 }), (arrival, split) => {
        // The first `split` events were folded and handed out (a cache, the metrics engine); the rest
        // arrive in one batch, which advances its own copy.
        let handedOut: DossierState | null = null;
        for (const [i, e] of arrival.slice(0, split).entries())
          handedOut = advanceDossier(handedOut, e, ctx, () => arrival.slice(0, i + 1));
        const snapshot = structuredClone(handedOut);
        let owned: DossierState | null = null;
        for (const [i, e] of arrival.slice(split).entries()) {
          const upTo = () => arrival.slice(0, split + i + 1);
          owned = owned ? advanceOwnedDossier(owned, e, ctx, upTo) : advanceDossier(handedOut, e, ctx, upTo);
        }
        expect(owned).toEqual(foldDossier(log, ctx));
        expect(handedOut).toEqual(snapshot);
      }),
      { numRuns: 200 },
    );
  });
});

describe('classifyDossier', () => {
  const now = vn('2026-03-03T10:00');

  it('is early when finished on a date before the due date', () => {
    const s = foldDossier([received(), ev('processed', '2026-03-04T16:00')], ctx);
    expect(classifyDossier(s, now, ctx)).toMatchObject({ timeliness: 'early', overdue: false, nextTransitionAt: null });
  });

  it('is on time when finished on the due date', () => {
    const s = foldDossier([received(), ev('processed', '2026-03-05T16:59')], ctx);
    expect(classifyDossier(s, now, ctx).timeliness).toBe('on_time');
  });

  it('is late when finished after the due date', () => {
    const s = foldDossier([received(), ev('processed', '2026-03-05T17:01')], ctx);
    expect(classifyDossier(s, now, ctx)).toMatchObject({ timeliness: 'late', overdue: false, daysOverdue: 0 });
  });

  it('treats a bare-date due as the end of that day', () => {
    expect(parseDueDate('2026-03-05')).toBe(vn('2026-03-05T23:59') + 59_999);
    const evening = foldDossier([received('2026-03-05'), ev('processed', '2026-03-05T20:00')], ctx);
    expect(classifyDossier(evening, now, ctx).timeliness).toBe('on_time');
    const nextDay = foldDossier([received('2026-03-05'), ev('processed', '2026-03-06T00:00')], ctx);
    expect(classifyDossier(nextDay, now, ctx).timeliness).toBe('late');
  });

  it('counts a dossier with two supplement requests as overdue', () => {
    const s = foldDossier(
      [
        received(),
        ev('supplement_requested', '2026-03-02T09:00'),
        ev('supplement_received', '2026-03-02T10:00'),
        ev('supplement_requested', '2026-03-02T11:00'),
      ],
      ctx,
    );
    expect(classifyDossier(s, now, ctx)).toMatchObject({ timeliness: 'overdue', overdue: true, daysOverdue: 0 });
  });

  it('says a dossier counted overdue by two supplement requests before its due date is so for its supplements, not past due', () => {
    const s = foldDossier(
      [
        received(),
        ev('supplement_requested', '2026-03-02T09:00'),
        ev('supplement_received', '2026-03-02T10:00'),
        ev('supplement_requested', '2026-03-02T11:00'),
        ev('supplement_received', '2026-03-02T14:00'),
      ],
      ctx,
    );
    expect(classifyDossier(s, vn('2026-03-03T09:00'), ctx)).toMatchObject({
      timeliness: 'overdue',
      daysOverdue: 0,
      overdueReason: 'supplements',
    });
    // Once its due date has passed as well, it is past due (days overdue count).
    expect(classifyDossier(s, vn('2026-03-09T13:00'), ctx)).toMatchObject({ timeliness: 'overdue', overdueReason: 'past_due' });
    expect(classifyDossier(foldDossier([received()], ctx), vn('2026-03-09T13:00'), ctx).overdueReason).toBe('past_due');
    expect(classifyDossier(foldDossier([received()], ctx), vn('2026-03-03T09:00'), ctx).overdueReason).toBeNull();
    const finished = foldDossier(
      [
        received(),
        ev('supplement_requested', '2026-03-02T09:00'),
        ev('supplement_received', '2026-03-02T10:00'),
        ev('supplement_requested', '2026-03-02T11:00'),
        ev('supplement_received', '2026-03-02T14:00'),
        ev('processed', '2026-03-03T09:00'),
      ],
      ctx,
    );
    expect(classifyDossier(finished, vn('2026-03-09T13:00'), ctx)).toMatchObject({ timeliness: 'late', overdueReason: 'supplements' });
  });

  it('counts a finished dossier with two supplement requests as late even before its due date', () => {
    const s = foldDossier(
      [
        received(),
        ev('supplement_requested', '2026-03-02T09:00'),
        ev('supplement_received', '2026-03-02T10:00'),
        ev('supplement_requested', '2026-03-02T11:00'),
        ev('supplement_received', '2026-03-02T14:00'),
        ev('processed', '2026-03-03T09:00'),
      ],
      ctx,
    );
    expect(classifyDossier(s, now, ctx).timeliness).toBe('late');
  });

  it('is awaiting supplement, not overdue, while the only supplement request is pending', () => {
    const s = foldDossier([received(), ev('supplement_requested', '2026-03-05T09:00')], ctx);
    expect(classifyDossier(s, vn('2026-03-12T09:00'), ctx)).toMatchObject({
      timeliness: 'awaiting_supplement',
      overdue: false,
      nextTransitionAt: null,
    });
  });

  it('is overdue once now is past the due date, counting working days past due', () => {
    const s = foldDossier([received()], ctx);
    // Due Thu 5/3 17:00; Fri 6/3 8 h + Mon 9/3 morning 4 h = 1.5 working days.
    expect(classifyDossier(s, vn('2026-03-09T13:00'), ctx)).toMatchObject({ timeliness: 'overdue', overdue: true, daysOverdue: 1.5 });
    expect(classifyDossier(s, vn('2026-03-05T17:00'), ctx).timeliness).toBe('due_soon');
  });

  it('is due soon within 8 working hours of the due date', () => {
    const s = foldDossier([received()], ctx);
    const dueSoon = classifyDossier(s, vn('2026-03-04T17:30'), ctx);
    expect(dueSoon).toMatchObject({ timeliness: 'due_soon', dueSoon: true, nextTransitionAt: vn('2026-03-05T17:00') + 1 });
    const inTerm = classifyDossier(s, vn('2026-03-04T16:59'), ctx);
    expect(inTerm).toMatchObject({ timeliness: 'in_term', dueSoon: false, nextTransitionAt: vn('2026-03-04T17:00') });
    expect(classifyDossier(s, inTerm.nextTransitionAt!, ctx).timeliness).toBe('due_soon');
  });

  it('announces the start of due soon across days off', () => {
    // Due Mon 23/2/2026 (bare date): 8 working hours before it starts at the close of Fri 13/2, before Tết.
    const s = foldDossier([received('2026-02-23', '2026-02-10T08:00')], ctx);
    expect(iso(classifyDossier(s, vn('2026-02-11T09:00'), ctx).nextTransitionAt)).toBe('2026-02-13T17:00:00.000');
    expect(classifyDossier(s, vn('2026-02-16T09:00'), ctx).timeliness).toBe('due_soon');
  });

  it('excludes withdrawn dossiers', () => {
    const s = foldDossier([received(), ev('withdrawn', '2026-03-03T09:00')], ctx);
    expect(classifyDossier(s, now, ctx)).toMatchObject({ timeliness: 'excluded', processingDays: null });
    expect(s.bucket).toBe('withdrawn');
  });

  it('excludes dossiers not received or refused', () => {
    expect(classifyDossier(emptyDossierState('HS-0'), now, ctx).timeliness).toBe('excluded');
    const refused = foldDossier([received(), ev('refused', '2026-03-02T09:00')], ctx);
    expect(classifyDossier(refused, now, ctx).timeliness).toBe('excluded');
    expect(refused.bucket).toBe('not_received');
  });

  it('classifies a stopped dossier as paused, outside the on-time rate', () => {
    const s = foldDossier([received(), ev('stopped', '2026-03-09T09:00')], ctx);
    expect(classifyDossier(s, vn('2026-03-10T09:00'), ctx)).toMatchObject({ timeliness: 'paused', overdue: false });
  });

  it('counts processing time in working days minus pauses', () => {
    const s = foldDossier(
      [
        received(),
        ev('supplement_requested', '2026-03-03T08:00'),
        ev('supplement_received', '2026-03-04T08:00'),
        ev('processed', '2026-03-05T08:00'),
      ],
      ctx,
    );
    // Mon 08:00 → Thu 08:00 is 24 working hours, 8 of them paused.
    expect(classifyDossier(s, vn('2026-03-20T08:00'), ctx).processingDays).toBe(2);
  });

  it('counts an after-hours receipt from the next working morning', () => {
    const s = foldDossier([received('2026-03-06', '2026-03-02T18:00')], ctx);
    expect(classifyDossier(s, vn('2026-03-03T11:30'), ctx).processingDays).toBe(0.5);
  });
});

describe('judgeAt', () => {
  it('judges a dossier finished after the period end as open at the period end', () => {
    const s = foldDossier([received(), ev('processed', '2026-03-10T10:00')], ctx);
    expect(classifyDossier(s, vn('2026-03-10T12:00'), ctx).timeliness).toBe('late');
    expect(judgeAt(s, vn('2026-03-06T23:59'), ctx)).toMatchObject({ timeliness: 'overdue', overdue: true, daysOverdue: 1 });
    expect(judgeAt(s, vn('2026-03-03T23:59'), ctx).timeliness).toBe('in_term');
    expect(judgeAt(s, vn('2026-03-01T23:59'), ctx).timeliness).toBe('excluded');
  });

  it('sees a supplement pending at the period end', () => {
    const s = foldDossier(
      [
        received(),
        ev('supplement_requested', '2026-03-04T09:00'),
        ev('supplement_received', '2026-03-10T09:00'),
        ev('processed', '2026-03-11T09:00'),
      ],
      ctx,
    );
    expect(judgeAt(s, vn('2026-03-06T23:59'), ctx).timeliness).toBe('awaiting_supplement');
  });
});

describe('holdDurations', () => {
  const hold = {
    handlerId: 'A',
    handlerName: 'Cán bộ A',
    handlerUnit: '26734',
    from: vn('2026-03-02T08:00'),
    to: vn('2026-03-04T10:00'),
    stepDueAt: vn('2026-03-03T08:00'),
  };

  it("measures an official's delay beyond the allotted step time in working days", () => {
    // Mon 08:00 → Wed 10:00: 7.5 h + 8 h + 2.5 h = 18 h = 2.25 days; allotted 1 day.
    expect(holdDurations(hold, vn('2026-03-20T08:00'), calendar)).toEqual({ heldDays: 2.25, allottedDays: 1, delayDays: 1.25 });
  });

  it('counts an open hold up to now, and no delay without an allotted time', () => {
    const open = { ...hold, to: null, stepDueAt: null };
    expect(holdDurations(open, vn('2026-03-02T17:00'), calendar)).toEqual({ heldDays: 7.5 / 8, allottedDays: null, delayDays: 0 });
  });

  it('leaves supplement waits out of the holding time when given the pauses', () => {
    const pauses = [{ from: vn('2026-03-03T08:00'), to: vn('2026-03-04T08:00') }];
    expect(holdDurations(hold, vn('2026-03-20T08:00'), calendar, pauses)).toEqual({ heldDays: 1.25, allottedDays: 1, delayDays: 0.25 });
  });

  it('is 0 working hours for a hold over a weekend', () => {
    const weekend = { ...hold, from: vn('2026-03-06T17:00'), to: vn('2026-03-09T07:30'), stepDueAt: null };
    expect(holdDurations(weekend, 0, calendar).heldDays).toBe(0);
    expect(8 * H).toBe(calendar.workingMsPerDay);
  });
});
