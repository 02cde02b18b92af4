/**
 * Random event histories of one dossier, for property tests of what is derived from its states:
 * receipt with a due date, supplement requests and returns (with and without a new due date),
 * assignments, apologies, a receipt resent with another due date or unit (or only another unit), an
 * end of any kind and a rating after it. Instants move forward by whole hours from a working Monday
 * morning.
 */
import fc from 'fast-check';
import type { DossierEvent } from '../../../server/domain/types.js';
import { apology, dossierEvent, received, supplementReceived, vn } from '../metrics/factories.js';

export const H = 3_600_000;
export const HISTORY_T0 = vn('2026-11-02T08:00');
export const HISTORY_UNITS = ['26734', '26737', '26740'] as const;

const step = fc.record({
  kind: fc.constantFrom(
    'supplement_requested',
    'supplement_received',
    'supplement_received_due',
    'assigned',
    'apology',
    'resent_receipt',
    'moved_unit',
    'end',
    'rated',
  ),
  gapH: fc.integer({ min: 0, max: 60 }),
  dueH: fc.integer({ min: 1, max: 200 }),
  unit: fc.constantFrom(...HISTORY_UNITS),
  end: fc.constantFrom('processed', 'returned', 'stopped', 'withdrawn', 'refused'),
});

/** The plan of one history: its receipt and its later steps (turned into events by historyEvents). */
export const historyPlan = fc.record({
  startH: fc.integer({ min: 0, max: 48 }),
  dueH: fc.integer({ min: 1, max: 150 }),
  unit: fc.constantFrom(...HISTORY_UNITS),
  steps: fc.array(step, { maxLength: 8 }),
});
export type HistoryPlan = typeof historyPlan extends fc.Arbitrary<infer T> ? T : never;

/** The events of a plan for dossier `id`, in time order. */
export function historyEvents(id: string, plan: HistoryPlan): DossierEvent[] {
  const at0 = HISTORY_T0 + plan.startH * H;
  const events: DossierEvent[] = [received(id, at0, at0 + plan.dueH * H, { unit: plan.unit })];
  let t = at0;
  let waiting = false; // a supplement comes back only after it was asked for
  let ended = false;
  for (const st of plan.steps) {
    t += st.gapH * H;
    if (st.kind === 'rated') {
      if (ended) events.push({ id: `${id}-r${t}`, type: 'rated', dossierId: id, at: t, rating: 'satisfied' });
    } else if (ended) {
      continue;
    } else if (st.kind === 'supplement_requested') {
      events.push(dossierEvent(id, 'supplement_requested', t));
      waiting = true;
    } else if (st.kind === 'supplement_received' || st.kind === 'supplement_received_due') {
      if (!waiting) continue;
      events.push(st.kind === 'supplement_received' ? supplementReceived(id, t) : supplementReceived(id, t, t + st.dueH * H));
      waiting = false;
    } else if (st.kind === 'assigned') {
      events.push({ id: `${id}-a${t}`, type: 'assigned', dossierId: id, at: t, handler: { id: 'h', name: 'H', unit: st.unit } });
    } else if (st.kind === 'apology') {
      events.push(apology(id, t, t + st.dueH * H));
    } else if (st.kind === 'resent_receipt') {
      events.push(received(id, at0, t + st.dueH * H, { unit: st.unit }));
    } else if (st.kind === 'moved_unit') {
      events.push(received(id, at0, at0 + plan.dueH * H, { unit: st.unit }));
    } else {
      events.push(dossierEvent(id, st.end, t));
      ended = true;
    }
  }
  return events;
}
