/**
 * The batch planner both write stores share (server/db/write-store/plan-batch.ts), against a brute
 * force: over random batches of a few ids in a few contents (some sent with keys reordered), and a
 * random set already logged, an id is accepted once, at its first appearance, only if not logged; every
 * other appearance is a duplicate when its content is the first one's, else a conflict, quarantined.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../server/db/write-store/contract.js';
import { assignSeqs, planBatch } from '../../../server/db/write-store/plan-batch.js';

const content = (id: string, version: number, reordered: boolean) => JSON.stringify(reordered ? { v: version, id } : { id, v: version });

const eventArb = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), version: fc.integer({ min: 0, max: 2 }), reordered: fc.boolean() });
const batchArb = fc.array(eventArb, { maxLength: 12 });
const loggedArb = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 2 }), { maxKeys: 3 });

describe('planning a batch', () => {
  it('accepts each new id once, at its first appearance, and tells duplicates from conflicts by content', () => {
    fc.assert(
      fc.property(batchArb, loggedArb, (batch, loggedVersions) => {
        const events: NewEvent[] = batch.map((e) => ({
          eventId: e.id,
          kind: 'dossier',
          itemId: `D-${e.id}`,
          type: 'received',
          at: 0,
          payload: content(e.id, e.version, e.reordered),
        }));
        const logged = new Map(Object.entries(loggedVersions).map(([id, v]) => [id, content(id, v, false)]));
        const plan = planBatch(events, logged);

        const first = new Map<string, number>(Object.entries(loggedVersions));
        const expected = batch.map((e) => {
          const v = first.get(e.id);
          if (v === undefined) {
            first.set(e.id, e.version);
            return 'accepted';
          }
          return v === e.version ? 'duplicate' : 'rejected';
        });
        expect(plan.outcomes.map((o) => o.status)).toEqual(expected);
        expect(plan.fresh.map((e) => e.eventId)).toEqual(batch.filter((_, i) => expected[i] === 'accepted').map((e) => e.id));
        expect(plan.conflicts.map((c) => c.raw)).toEqual(events.filter((_, i) => expected[i] === 'rejected').map((e) => e.payload));
        const seqs = plan.fresh.map((_, i) => 100 + i);
        const withSeqs = assignSeqs(plan.outcomes, seqs);
        expect(withSeqs.flatMap((o) => (o.status === 'accepted' ? [o.seq] : []))).toEqual(seqs);
      }),
      { numRuns: 500 },
    );
  });
});
