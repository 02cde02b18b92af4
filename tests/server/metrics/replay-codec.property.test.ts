/**
 * The compact text of the time machine's checkpoints (replay-codec.ts) is lossless: any dossier state
 * decodes to exactly the state encoded (absent optional fields absent), and a chain that mixes rows
 * written as plain JSON before with compact ones reads the same state as an all-compact chain.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DossierState } from '../../../server/domain/types.js';
import { emptyDossierState } from '../../../server/domain/dossier.js';
import { DOSSIER_TUPLE_LENGTH, decodeDossier, encodeDossier, StringTable } from '../../../server/metrics/replay-codec.js';
import { checkpointFromChain, checkpointToCompact, deltaToCompact, deltaToJson } from '../../../server/metrics/replay-delta.js';
import { checkpointToJson, emptyCheckpoint, noneTouched } from '../../../server/metrics/replay-state.js';

const time = fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 });
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('Nguyễn Ngọc Hằng', 'Hộ tịch', 'Xác nhận khuyết tật'));
const tri = fc.constantFrom(true, false, null);
/** States as the fold makes them: plain objects. */
const plain = { noNullPrototype: true };

const dossierState: fc.Arbitrary<DossierState> = fc
  .record(
    {
      id: fc.string({ minLength: 1, maxLength: 20 }),
      unit: fc.option(text),
      procedure: fc.option(fc.record({ code: text, name: text, field: text, legalDays: fc.integer({ min: 0, max: 90 }) }, plain)),
      channel: fc.constantFrom('online' as const, 'in_person' as const, 'postal' as const, null),
      receivedAt: fc.option(time),
      originalDueAt: fc.option(time),
      dueAt: fc.option(time),
      index: fc.record(
        {
          hasFee: tri,
          paidOnline: tri,
          electronicResult: tri,
          digitized: tri,
          reusedData: tri,
          fromPersonalDataStore: tri,
          citizenDataConnected: tri,
          complaint: tri,
        },
        plain,
      ),
      status: fc.constantFrom('received' as const, 'processing' as const, 'supplement_requested' as const, 'processed' as const),
      bucket: fc.constantFrom('in_progress' as const, 'awaiting_supplement' as const, 'paused' as const, 'done' as const),
      pauses: fc.array(fc.record({ from: time, to: fc.option(time) }, plain), { maxLength: 3 }),
      supplementRequests: fc.nat(5),
      supplementRuleAt: time,
      dueAtSecondRequest: time,
      apologies: fc.array(fc.record({ at: time, proposedDueAt: time, reason: text }, plain), { maxLength: 2 }),
      endAt: fc.option(time),
      endKind: fc.constantFrom('processed' as const, 'returned' as const, 'withdrawn' as const, null),
      returnedAt: fc.option(time),
      holds: fc.array(
        fc.record(
          { handlerId: text, handlerName: text, handlerUnit: text, from: time, to: fc.option(time), stepDueAt: fc.option(time) },
          plain,
        ),
        { maxLength: 4 },
      ),
      rating: fc.constantFrom('satisfied' as const, 'unsatisfied' as const, null),
      complaint: fc.option(text),
      lastEventAt: time,
      eventCount: fc.nat(50),
    },
    {
      ...plain,
      requiredKeys: ['id', 'unit', 'procedure', 'channel', 'receivedAt', 'originalDueAt', 'dueAt', 'status', 'bucket', 'pauses'],
    },
  )
  .map((d) => ({ ...emptyDossierState(d.id), eventCount: 1, ...d }));

describe('compact checkpoint text', () => {
  it('decodes every dossier state to exactly the state encoded', () => {
    fc.assert(
      fc.property(fc.array(dossierState, { maxLength: 5 }), (states) => {
        const table = new StringTable();
        const tuples = states.map((d) => encodeDossier(d, table));
        // Through the text, as stored: the tuples hold numbers and ids only, the strings are in the table.
        const { s, t } = JSON.parse(JSON.stringify({ s: table.list, t: tuples })) as { s: string[]; t: typeof tuples };
        for (const tuple of t) expect(tuple).toHaveLength(DOSSIER_TUPLE_LENGTH);
        expect(t.map((x) => decodeDossier(x, s))).toStrictEqual(states);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a chain of a plain JSON whole state and compact deltas as the same state as an all-compact chain', () => {
    fc.assert(
      fc.property(fc.array(dossierState, { minLength: 1, maxLength: 6 }), fc.array(dossierState, { maxLength: 4 }), (first, later) => {
        const cp = emptyCheckpoint(0);
        for (const d of first) cp.openDossiers.set(d.id, d);
        const plainWhole = { whole: true, json: checkpointToJson(cp) };
        const compactWhole = { whole: true, json: checkpointToCompact(cp), compact: true };
        cp.touched = noneTouched();
        // The delta: a changed or new state for each later one, and the first dossier gone.
        for (const d of later) {
          cp.openDossiers.set(d.id, d);
          cp.touched.openDossiers.add(d.id);
        }
        if (!later.some((d) => d.id === first[0].id)) {
          cp.openDossiers.delete(first[0].id);
          cp.touched.openDossiers.add(first[0].id);
        }
        cp.at = 1;
        cp.seq = 2;
        const compactDelta = { whole: false, json: deltaToCompact(cp), compact: true };
        const plainDelta = { whole: false, json: deltaToJson(cp) };
        const expected = [...cp.openDossiers].sort(([a], [b]) => (a < b ? -1 : 1));
        for (const chain of [
          [plainWhole, compactDelta],
          [compactWhole, compactDelta],
          [compactWhole, plainDelta],
        ]) {
          const got = checkpointFromChain(chain);
          expect([...got.openDossiers].sort(([a], [b]) => (a < b ? -1 : 1))).toStrictEqual(expected);
          expect(got.seq).toBe(2);
        }
        // An all-compact chain decodes each dossier once, from its last text: the same map, in the same order.
        const eager = [...checkpointFromChain([plainWhole, compactDelta]).openDossiers.keys()];
        expect([...checkpointFromChain([compactWhole, compactDelta]).openDossiers.keys()]).toEqual(eager);
      }),
      { numRuns: 200 },
    );
  });
});
