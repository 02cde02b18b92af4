import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyDossier, foldDossier } from '../../../server/domain/dossier.js';
import { isOverdueAt, overdueSpans, overdueWorkDay, sameOverdueInputs } from '../../../server/domain/overdue-spans.js';
import { vnDayIndex } from '../../../server/domain/time.js';
import type { DossierEvent } from '../../../server/domain/types.js';
import { calendar, ctx, dossierEvent, received, supplementReceived, vn } from '../metrics/factories.js';
import { historyEvents, historyPlan } from './dossier-histories.js';

const fold = (events: DossierEvent[]) => foldDossier(events, ctx);

describe('overdueSpans', () => {
  it('starts the span of an open dossier in term the millisecond after its due date, with no end', () => {
    const s = fold([received('A', vn('2026-11-16T08:00'), vn('2026-11-18T17:00'))]);
    expect(overdueSpans(s)).toEqual([{ from: vn('2026-11-18T17:00') + 1, to: null }]);
  });

  it('ends the span when processing ends late, and has none for a dossier finished on time', () => {
    const late = fold([
      received('A', vn('2026-11-16T08:00'), vn('2026-11-18T17:00')),
      dossierEvent('A', 'processed', vn('2026-11-19T10:00')),
    ]);
    expect(overdueSpans(late)).toEqual([{ from: vn('2026-11-18T17:00') + 1, to: vn('2026-11-19T10:00') }]);
    const onTime = fold([
      received('B', vn('2026-11-16T08:00'), vn('2026-11-18T17:00')),
      dossierEvent('B', 'processed', vn('2026-11-18T10:00')),
    ]);
    expect(overdueSpans(onTime)).toEqual([]);
  });

  it('counts a dossier awaiting its only supplement as not overdue, and judges the time before by the due date set at receipt', () => {
    const s = fold([
      received('A', vn('2026-11-16T08:00'), vn('2026-11-18T17:00')),
      dossierEvent('A', 'supplement_requested', vn('2026-11-19T09:00')),
      supplementReceived('A', vn('2026-11-23T09:00'), vn('2026-11-26T17:00')),
    ]);
    expect(overdueSpans(s)).toEqual([
      { from: vn('2026-11-18T17:00') + 1, to: vn('2026-11-19T09:00') },
      { from: vn('2026-11-26T17:00') + 1, to: null },
    ]);
    expect(isOverdueAt(overdueSpans(s), vn('2026-11-20T10:00'))).toBe(false);
  });

  it('counts a dossier overdue from its second supplement request, whatever its due date', () => {
    const s = fold([
      received('A', vn('2026-11-16T08:00'), vn('2026-12-18T17:00')),
      dossierEvent('A', 'supplement_requested', vn('2026-11-17T09:00')),
      supplementReceived('A', vn('2026-11-18T09:00')),
      dossierEvent('A', 'supplement_requested', vn('2026-11-19T09:00')),
    ]);
    expect(overdueSpans(s)).toEqual([{ from: vn('2026-11-19T09:00'), to: null }]);
  });

  it('has none for a dossier refused at intake', () => {
    const s = fold([received('A', vn('2026-11-16T08:00'), vn('2026-11-16T17:00')), dossierEvent('A', 'refused', vn('2026-11-17T08:00'))]);
    expect(overdueSpans(s)).toEqual([]);
  });

  it('dates the lateness of a dossier due at the end of Friday to Monday, its first working hour late', () => {
    // 2026-11-20 is a Friday: a bare-date due is the end of that day, overdue from Saturday 00:00.
    const s = fold([received('A', vn('2026-11-16T08:00'), vn('2026-11-20T23:59:59.999'))]);
    const [span] = overdueSpans(s);
    expect(span.from).toBe(vn('2026-11-21T00:00'));
    expect(overdueWorkDay(span, calendar)).toBe(vnDayIndex(vn('2026-11-23T12:00')));
  });

  // The claim the stored spans rest on: the final state's spans say, for any past instant, what the live
  // count said at that instant with the events known by then.
  it('agrees at every instant with classifyDossier on the events known by then (property)', () => {
    const H = 3_600_000;
    const t0 = vn('2026-11-02T08:00');
    const step = fc.record({
      kind: fc.constantFrom('supplement_requested', 'supplement_received', 'supplement_received_due', 'assigned', 'end'),
      gapH: fc.integer({ min: 1, max: 60 }),
      dueH: fc.integer({ min: 1, max: 200 }),
      end: fc.constantFrom('processed', 'returned', 'stopped', 'withdrawn', 'refused'),
    });
    const scenario = fc.record({
      dueH: fc.integer({ min: 1, max: 150 }),
      steps: fc.array(step, { maxLength: 8 }),
      probesH: fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 12 }),
    });
    fc.assert(
      fc.property(scenario, ({ dueH, steps, probesH }) => {
        const events: DossierEvent[] = [received('P', t0, t0 + dueH * H)];
        let t = t0;
        let ended = false;
        let waiting = false; // a supplement comes back only after it was asked for
        for (const st of steps) {
          if (ended) break;
          t += st.gapH * H;
          if (st.kind === 'supplement_requested') {
            events.push(dossierEvent('P', 'supplement_requested', t));
            waiting = true;
          } else if (st.kind === 'supplement_received' && waiting) {
            events.push(supplementReceived('P', t));
            waiting = false;
          } else if (st.kind === 'supplement_received_due' && waiting) {
            events.push(supplementReceived('P', t, t + st.dueH * H));
            waiting = false;
          } else if (st.kind === 'supplement_received' || st.kind === 'supplement_received_due') continue;
          else if (st.kind === 'assigned')
            events.push({ id: `a${t}`, type: 'assigned', dossierId: 'P', at: t, handler: { id: 'h', name: 'H', unit: '26734' } });
          else {
            events.push(dossierEvent('P', st.end, t));
            ended = true;
          }
        }
        const final = fold(events);
        const spans = overdueSpans(final);
        for (const ph of probesH) {
          const at = t0 + ph * H + 1234;
          const known = events.filter((e) => e.at <= at);
          const then = fold(known);
          // Refused at intake (status 3) is "not received": taken out of every count, the past ones too.
          const refused = final.endKind === 'refused';
          const live = !refused && then.endAt === null && classifyDossier(then, at, ctx).overdue;
          expect({ at, overdue: isOverdueAt(spans, at) }).toEqual({ at, overdue: live });
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('sameOverdueInputs', () => {
  // The projection writer skips computing the spans when this says they cannot have moved.
  it('holds only between states of a history whose overdue spans are equal (property)', () => {
    fc.assert(
      fc.property(historyPlan, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (plan, cuts) => {
        const events = historyEvents('P', plan);
        const states = [...cuts.map((c) => (c % events.length) + 1), events.length].map((n) => fold(events.slice(0, n)));
        for (const a of states) {
          for (const b of states) {
            if (sameOverdueInputs(a, b)) expect(overdueSpans(b)).toEqual(overdueSpans(a));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart a state whose pause was closed or whose end came', () => {
    const open = fold([
      received('A', vn('2026-11-16T08:00'), vn('2026-11-18T17:00')),
      dossierEvent('A', 'supplement_requested', vn('2026-11-17T09:00')),
    ]);
    const back = fold([
      received('A', vn('2026-11-16T08:00'), vn('2026-11-18T17:00')),
      dossierEvent('A', 'supplement_requested', vn('2026-11-17T09:00')),
      supplementReceived('A', vn('2026-11-17T10:00')),
    ]);
    const ended = fold([
      received('B', vn('2026-11-16T08:00'), vn('2026-11-18T17:00')),
      dossierEvent('B', 'processed', vn('2026-11-19T10:00')),
    ]);
    const assigned = fold([
      received('B', vn('2026-11-16T08:00'), vn('2026-11-18T17:00')),
      { id: 'a1', type: 'assigned', dossierId: 'B', at: vn('2026-11-16T09:00'), handler: { id: 'h', name: 'H', unit: '26734' } },
    ]);
    expect(sameOverdueInputs(open, back)).toBe(false);
    expect(sameOverdueInputs(assigned, ended)).toBe(false);
    expect(sameOverdueInputs(fold([received('B', vn('2026-11-16T08:00'), vn('2026-11-18T17:00'))]), assigned)).toBe(true);
  });
});
