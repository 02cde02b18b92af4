import { describe, expect, it } from 'vitest';
import { emptyDossierState } from '../../../server/domain/dossier.js';
import type { DossierState } from '../../../server/domain/types.js';
import { createHistoryRows } from '../../../server/metrics/history-rows.js';

const state = (id: string, eventCount: number): DossierState => ({ ...emptyDossierState(id), eventCount });

function setup(latest: Map<string, DossierState>, rows: Map<string, DossierState>) {
  const applied: [DossierState | null, DossierState][] = [];
  const settled: [string, boolean][][] = [];
  let published = 0;
  const history = createHistoryRows({
    latest: (id) => latest.get(id) ?? null,
    row: (id) => rows.get(id) ?? null,
    snapshot: (fn) => fn(),
    apply: (prev, next) => applied.push([prev, next]),
    applied: () => published++,
    settled: (dossiers) => settled.push([...dossiers]),
  });
  return { history, applied, settled, published: () => published };
}

describe('createHistoryRows', () => {
  it("applies each dossier once per writer pass, from the engine's state before the load to its row", () => {
    const before = state('D-1', 1);
    const rows = new Map<string, DossierState>();
    const { history, applied, published } = setup(new Map([['D-1', before]]), rows);
    history.logged(
      new Map([
        ['D-1', { seq: 3 }],
        ['D-2', { seq: 4 }],
      ]),
    );
    history.logged(new Map([['D-1', { seq: 6 }]]));
    rows.set('D-2', state('D-2', 1));
    // The pass up to 5 holds D-2's events, not D-1's last.
    history.projected(5);
    expect(applied).toEqual([[null, state('D-2', 1)]]);
    rows.set('D-1', state('D-1', 3));
    history.projected(6);
    expect(applied.at(-1)).toEqual([before, state('D-1', 3)]);
    expect(applied).toHaveLength(2);
    expect(published()).toBe(2);
    expect(history.waiting).toBe(0);
  });

  it("holds no finished dossier's state: a later batch's engine state is its row, read before that batch's events are logged", () => {
    const rows = new Map<string, DossierState>();
    const reads: string[] = [];
    const applied: [DossierState | null, DossierState][] = [];
    // The write-behind's latest state of a folded dossier is its row (projection/write-behind.ts).
    const latestFromRows = createHistoryRows({
      latest: (id) => (reads.push(id), rows.get(id) ?? null),
      row: (id) => rows.get(id) ?? null,
      snapshot: (fn) => fn(),
      apply: (prev, next) => applied.push([prev, next]),
      applied: () => {},
      settled: () => {},
    });
    const open = state('D-1', 1);
    const finished: DossierState = { ...state('D-2', 2), endAt: 1_000 };
    latestFromRows.logged(
      new Map([
        ['D-1', { seq: 1 }],
        ['D-2', { seq: 2 }],
      ]),
    );
    rows.set('D-1', open);
    rows.set('D-2', finished);
    latestFromRows.projected(2);
    reads.length = 0;

    // The next batch names both: the open one's state is held, the finished one's row is read in the transaction.
    latestFromRows.before('D-1');
    latestFromRows.before('D-2');
    expect(reads).toEqual(['D-2']);
    // After the commit the writer folds the batch into the rows before `logged` runs: the prev read before stands.
    rows.set('D-1', state('D-1', 2));
    rows.set('D-2', { ...finished, eventCount: 3 });
    latestFromRows.logged(
      new Map([
        ['D-1', { seq: 3 }],
        ['D-2', { seq: 4 }],
      ]),
    );
    latestFromRows.projected(4);
    expect(applied).toHaveLength(4);
    expect(applied.slice(-2)).toEqual([
      [open, state('D-1', 2)],
      [finished, { ...finished, eventCount: 3 }],
    ]);
  });

  it("reads a pass's rows back in read transactions of at most 2,000 rows, every row once", () => {
    const rows = new Map<string, DossierState>();
    const reads: number[] = [];
    const applied: string[] = [];
    const history = createHistoryRows({
      latest: () => null,
      row: (id) => (reads[reads.length - 1]++, rows.get(id) ?? null),
      snapshot: (fn) => (reads.push(0), fn()),
      apply: (_prev, next) => applied.push(next.id),
      applied: () => {},
      settled: () => {},
    });
    const logged = new Map<string, { seq: number }>();
    for (let i = 1; i <= 4_500; i++) {
      logged.set(`D-${i}`, { seq: i });
      rows.set(`D-${i}`, state(`D-${i}`, 1));
    }
    history.logged(logged);
    history.projected(4_400);
    expect(reads).toEqual([2_000, 2_000, 400]);
    expect(new Set(applied).size).toBe(4_400);
    expect(history.waiting).toBe(100);
  });

  it('settles once the load ended and its last dossier is applied, each dossier named once', () => {
    const rows = new Map([['D-1', state('D-1', 2)]]);
    const { history, settled } = setup(new Map(), rows);
    history.logged(new Map([['D-1', { seq: 1 }]]));
    history.projected(1);
    history.logged(new Map([['D-1', { seq: 2 }]]));
    history.ended();
    expect(settled).toEqual([]);
    history.projected(2);
    expect(settled).toEqual([[['D-1', false]]]);
    history.projected(3);
    expect(settled).toHaveLength(1);
  });

  it('settles a dossier finished at its last pass as finished, and one a live batch changed since as unknown', () => {
    const finished = (id: string): DossierState => ({ ...state(id, 2), endAt: 1_000 });
    const rows = new Map([
      ['D-1', finished('D-1')],
      ['D-2', finished('D-2')],
      ['D-3', state('D-3', 1)],
    ]);
    const { history, settled } = setup(new Map(), rows);
    history.logged(
      new Map([
        ['D-1', { seq: 1 }],
        ['D-2', { seq: 2 }],
        ['D-3', { seq: 3 }],
      ]),
    );
    history.projected(3);
    // A live batch names D-2 after the pass: its state is no longer known here.
    history.appliedLive('D-2');
    history.ended();
    expect(settled).toEqual([
      [
        ['D-1', true],
        ['D-2', false],
        ['D-3', false],
      ],
    ]);
  });
});
