/** What the screens are told of a history load (ingest/history-load-progress.ts), with the log's and the writer's seqs by hand. */
import { describe, expect, it } from 'vitest';
import { createHistoryLoadProgress } from '../../../server/ingest/history-load-progress.js';
import type { HistoryLoadState } from '../../../shared/contract/history-load.js';

const T = Date.parse('2026-11-20T09:00:00+07:00');

function fakes(logged = 100, projected = 100) {
  const seqs = { logged, projected };
  const published: (HistoryLoadState | null)[] = [];
  const progress = createHistoryLoadProgress({
    loggedSeq: () => seqs.logged,
    projectedSeq: () => seqs.projected,
    publish: (s) => void published.push(s),
  });
  return { progress, seqs, published };
}

describe('history load progress', () => {
  it('is null and publishes nothing while no load runs', () => {
    const f = fakes();
    f.progress.ended();
    f.progress.projected(500);
    expect(f.progress.state()).toBeNull();
    expect(f.published).toEqual([]);
  });

  it('publishes the start once, with the source, and counts what was sent and what is left to project', () => {
    const f = fakes();
    f.progress.batch('import-hcc', 500, T);
    f.seqs.logged = 600;
    f.progress.batch('import-hcc', 500, T + 1_000);
    f.seqs.logged = 1_100;
    f.seqs.projected = 350;
    expect(f.published).toHaveLength(1);
    expect(f.published[0]).toMatchObject({ phase: 'loading', sources: ['import-hcc'], eventsReceived: 500 });
    expect(f.progress.state()).toEqual({
      phase: 'loading',
      sources: ['import-hcc'],
      since: '2026-11-20T09:00:00.000+07:00',
      eventsReceived: 1_000,
      eventsToProject: 750,
      projectedPercent: 25,
    });
  });

  it('a second source joining the load is published', () => {
    const f = fakes();
    f.progress.batch('a', 10, T);
    f.progress.batch('b', 10, T);
    expect(f.published.map((s) => s?.sources)).toEqual([['a'], ['a', 'b']]);
  });

  it('catches up after its batches stop, and is over once the writer passed its last event', () => {
    const f = fakes();
    f.progress.batch('import-hcc', 1_000, T);
    f.seqs.logged = 1_100;
    f.seqs.projected = 600;
    f.progress.ended();
    expect(f.published[1]).toMatchObject({ phase: 'catching_up', eventsToProject: 500, projectedPercent: 50 });
    // Live events after the load are not waited for.
    f.seqs.logged = 1_200;
    f.progress.projected(1_099);
    expect(f.progress.state()?.phase).toBe('catching_up');
    f.seqs.projected = 1_100;
    f.progress.projected(1_100);
    expect(f.progress.state()).toBeNull();
    expect(f.published.at(-1)).toBeNull();
    expect(f.published).toHaveLength(3);
  });

  it('ends at once when everything was already projected', () => {
    const f = fakes();
    f.progress.batch('import-hcc', 10, T);
    f.seqs.logged = 110;
    f.seqs.projected = 110;
    f.progress.ended();
    expect(f.published).toEqual([expect.objectContaining({ phase: 'loading' }), null]);
  });

  it('an importer resuming while the last batches are projected makes it load again, one load', () => {
    const f = fakes();
    f.progress.batch('import-hcc', 10, T);
    f.seqs.logged = 110;
    f.progress.ended();
    f.progress.batch('import-hcc', 10, T + 5_000);
    expect(f.published.map((s) => s?.phase)).toEqual(['loading', 'catching_up', 'loading']);
    expect(f.progress.state()).toMatchObject({ since: '2026-11-20T09:00:00.000+07:00', eventsReceived: 20 });
  });
});
