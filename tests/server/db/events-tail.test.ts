import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { T0 } from '../../helpers/test-server.js';

/** A store whose log holds D-1's and D-2's events, the first two projected (indexed, the mark at 2). */
function setup() {
  const db = openDatabase(':memory:');
  const sqls: string[] = [];
  const prepare = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    sqls.push(sql);
    return prepare(sql);
  };
  const store = createStore(db);
  const source = store.sources.create('s', 'dossier', hashSourceKey('s'.repeat(24)), T0);
  const log = (id: string, itemId: string, at: number) =>
    store.events.append(source.id, id, 'dossier', itemId, 'assigned', at, T0, JSON.stringify({ id, at }));
  const s1 = log('e-1', 'D-1', T0);
  const s2 = log('e-2', 'D-2', T0);
  store.events.indexItems([
    { kind: 'dossier', itemId: 'D-1', seq: s1 },
    { kind: 'dossier', itemId: 'D-2', seq: s2 },
  ]);
  store.projections.setProjectedSeq(s2);
  // Past the mark: D-1 twice (the second one earlier in time), D-2 once.
  const s3 = log('e-3', 'D-1', T0 + 2_000);
  const s4 = log('e-4', 'D-2', T0 + 1_000);
  const s5 = log('e-5', 'D-1', T0 + 1_000);
  return { db, sqls, prepare, store, seqs: [s1, s2, s3, s4, s5] };
}

describe("an item's events past the projections' mark, read by their seqs", () => {
  it('answers the indexed events and the listed ones of that item, in time order, up to the bound', () => {
    const { store, seqs } = setup();
    const [s1, , s3, s4, s5] = seqs;
    const ids = (tail: number[], maxSeq?: number) => store.events.ofItemWithTail('dossier', 'D-1', tail, maxSeq).map((e) => e.eventId);
    expect(ids([s3, s5])).toEqual(['e-1', 'e-5', 'e-3']);
    // Another item's seq is not this item's event; a seq past the bound is left out.
    expect(ids([s3, s4, s5])).toEqual(['e-1', 'e-5', 'e-3']);
    expect(ids([s3, s5], s3)).toEqual(['e-1', 'e-3']);
    // The tail is what the caller lists: the log past the mark is not scanned for more.
    expect(ids([])).toEqual(['e-1']);
    // A seq that is indexed as well is answered once.
    expect(ids([s1, s3, s5])).toEqual(['e-1', 'e-5', 'e-3']);
    expect(store.events.ofItem('dossier', 'D-1').map((e) => e.eventId)).toEqual(['e-1', 'e-5', 'e-3']);
  });

  it('reads the log by primary key only, never scanning it (the scan cost as much as the writer lagged)', () => {
    const { sqls, prepare } = setup();
    const sql = sqls.find((q) => /json_each/.test(q) && /item_events/.test(q));
    expect(sql).toBeDefined();
    const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all('dossier', 'D-1', 9, '[3]', 9, 'dossier', 'D-1') as { detail: string }[]).map(
      (r) => r.detail,
    );
    // Each access to the log is one row by its seq: no SCAN, no range (rowid>? AND rowid<?) of the tail.
    const logReads = plan.filter((d) => /\bevents\b/.test(d) && !/item_events/.test(d));
    expect(logReads).toEqual(['SEARCH events USING INTEGER PRIMARY KEY (rowid=?)', 'SEARCH events USING INTEGER PRIMARY KEY (rowid=?)']);
  });
});
