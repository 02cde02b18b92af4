import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { emptyDossierState } from '../../../server/domain/dossier.js';
import type { DossierState } from '../../../server/domain/types.js';
import { createWriteBehind } from '../../../server/projection/write-behind.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { T0 } from '../../helpers/test-server.js';

/** The write-behind module over an empty store, with a projection writer that only reports what a test says. */
function setup() {
  const store = createStore(openDatabase(':memory:'));
  const logged: number[] = [];
  let projected: (seq: number) => void = () => {};
  const syncs: number[] = [];
  // A sync projects everything logged, as the real writer's does.
  const sync = () => {
    syncs.push(logged.at(-1) ?? 0);
    projected(logged.at(-1) ?? 0);
  };
  const latest = createWriteBehind({
    store,
    projections: { logged: (seq) => logged.push(seq), onProjected: (l) => (projected = l), sync },
  });
  return { store, latest, logged, syncs, projected: (seq: number) => projected(seq) };
}

const open = (id: string, unit = '26740'): DossierState => ({ ...emptyDossierState(id), unit, receivedAt: T0, lastEventAt: T0 });
const finished = (id: string): DossierState => ({ ...open(id), endAt: T0 + 1 });

describe('createWriteBehind', () => {
  it("answers a history load's dossier from its row once the writer folded it, waiting for the writer when asked before", () => {
    const { latest, syncs, projected } = setup();
    const before = open('D-1');
    latest.committed({ sourceId: 1, seq: 2, eventIds: new Map(), dossiers: new Map([['D-1', before]]), tasks: new Map() });
    projected(2);
    // A history batch logs two more events of D-1 without folding them.
    const folding = new Map([['D-1', { seq: 5, receivedAt: T0 + 10 }]]);
    latest.committed({ sourceId: 1, seq: 5, eventIds: new Map(), dossiers: new Map(), tasks: new Map(), folding });
    expect(latest.receivedAt('D-1')).toBe(T0 + 10);
    // The stale state is gone from memory: peeking reads the row (none here), without waiting.
    expect(latest.peekDossier('D-1')).toBeNull();
    expect(syncs).toEqual([]);
    latest.syncIfFolding(['D-9']);
    expect(syncs).toEqual([]);
    latest.syncIfFolding(['D-9', 'D-1']);
    expect(syncs).toEqual([5]);
    // Folded: no more waits.
    latest.dossier('D-1');
    latest.syncIfFolding(['D-1']);
    expect(syncs).toEqual([5]);
  });

  it('answers the latest committed state of an item before the projections have it, and tells the writer', () => {
    const { latest, logged } = setup();
    const d = open('D-1');
    latest.committed({
      sourceId: 1,
      seq: 3,
      eventIds: new Map([['e-1', { seq: 3, item: 'd:D-1' }]]),
      dossiers: new Map([['D-1', d]]),
      tasks: new Map(),
    });
    expect(latest.dossier('D-1')).toBe(d);
    expect(latest.dossier('D-2')).toBeNull();
    expect(logged).toEqual([3]);
  });

  it('keeps an open item once projected and drops a finished one (its row answers from then on)', () => {
    const { latest, projected } = setup();
    latest.committed({ sourceId: 1, seq: 1, eventIds: new Map(), dossiers: new Map([['D-OPEN', open('D-OPEN')]]), tasks: new Map() });
    latest.committed({ sourceId: 1, seq: 2, eventIds: new Map(), dossiers: new Map([['D-DONE', finished('D-DONE')]]), tasks: new Map() });
    projected(1);
    expect(latest.size.dossiers).toBe(2);
    projected(2);
    expect(latest.size.dossiers).toBe(1);
    expect(latest.dossier('D-OPEN')?.id).toBe('D-OPEN');
    // No projector wrote a row in this test: a dropped state reads as the (absent) row.
    expect(latest.dossier('D-DONE')).toBeNull();
  });

  it('reads a logged id from the log until the writer has indexed it, then from what the batch looked up', () => {
    const { store, latest, projected } = setup();
    const source = store.sources.create('s', 'dossier', hashSourceKey('s'.repeat(24)), T0);
    const seq = store.events.append(source.id, 'e-1', 'dossier', 'D-1', 'received', T0, T0, '{"id":"e-1"}');
    latest.committed({
      sourceId: source.id,
      seq,
      eventIds: new Map([['e-1', { seq, item: 'd:D-1' }]]),
      dossiers: new Map([['D-1', open('D-1')]]),
      tasks: new Map(),
    });
    expect(latest.loggedPayload(source.id, 'e-1', new Map())).toBe('{"id":"e-1"}');
    expect(latest.loggedPayload(source.id + 1, 'e-1', new Map())).toBeUndefined();
    projected(seq);
    expect(latest.size.unindexedIds).toBe(0);
    expect(latest.loggedPayload(source.id, 'e-1', new Map([['e-1', 'indexed']]))).toBe('indexed');
  });

  it("lists an item's committed events the projections may not have, by seq, until the writer reports them", () => {
    const { latest, projected } = setup();
    const batch = (seq: number, ids: [string, string][]) =>
      latest.committed({
        sourceId: 1,
        seq,
        eventIds: new Map(ids.map(([id, item], i) => [id, { seq: seq - ids.length + 1 + i, item }])),
        dossiers: new Map(),
        tasks: new Map(),
      });
    batch(2, [
      ['e-1', 'd:D-1'],
      ['e-2', 'd:D-2'],
    ]);
    batch(4, [
      ['e-3', 'd:D-1'],
      ['e-4', 't:T-1'],
    ]);
    expect(latest.unindexedSeqs('d:D-1')).toEqual([1, 3]);
    expect(latest.unindexedSeqs('t:T-1')).toEqual([4]);
    projected(2);
    expect(latest.unindexedSeqs('d:D-1')).toEqual([3]);
    expect(latest.unindexedSeqs('d:D-2')).toEqual([]);
    projected(4);
    expect(latest.unindexedSeqs('d:D-1')).toEqual([]);
    expect(latest.size.unindexedItems).toBe(0);
  });
});
