/**
 * Live events about last month's dossiers (finished now, supplements, a complaint, a withdrawal, a
 * refusal, a hand-over, a rating of one finished in November) move November's kept index in memory:
 * after each one the answer equals the index computed afresh from the store, and no request reads
 * the store for it (so none waits for the projection writer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndexCounts } from '../../../server/metrics/index-counts.js';
import { serviceIndex } from '../../../server/domain/service-index.js';
import { DEFAULT_SERVICE_INDEX_SETTINGS } from '../../../server/domain/service-index-settings.js';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const NOV_FROM = Date.parse('2026-11-01T00:00:00+07:00');
const NOV_TO = Date.parse('2026-12-01T00:00:00+07:00');
const UNITS = ['26740', '26737', '26743'];
const known = {
  digitized: true,
  electronicResult: true,
  reusedData: false,
  fromPersonalDataStore: true,
  citizenDataConnected: true,
  complaint: false,
};
const recv = (dossierId: string, unit: string, at: string, dueAt: string, extra: Record<string, unknown> = {}) =>
  receivedEvent({ id: `${dossierId}-r`, dossierId, unit, at, dueAt, ...known, ...extra });
const handler = { id: 'H1', name: 'Trần Thị B', unit: '26740' };

/** One live event each, in order, all after November's end (what a source sends all day). */
const LIVE: Record<string, unknown>[] = [
  { id: 'A1-p', type: 'processed', dossierId: 'A1', at: '2026-12-04T09:00:00+07:00' },
  { id: 'A2-s', type: 'supplement_requested', dossierId: 'A2', at: '2026-12-04T09:05:00+07:00' },
  { id: 'A3-s1', type: 'supplement_requested', dossierId: 'A3', at: '2026-12-04T09:10:00+07:00' },
  { id: 'A2-sr', type: 'supplement_received', dossierId: 'A2', at: '2026-12-04T09:15:00+07:00', dueAt: '2026-12-09T17:00:00+07:00' },
  { id: 'A3-sr', type: 'supplement_received', dossierId: 'A3', at: '2026-12-04T09:20:00+07:00' },
  { id: 'A3-s2', type: 'supplement_requested', dossierId: 'A3', at: '2026-12-04T09:25:00+07:00' },
  { id: 'A4-w', type: 'withdrawn', dossierId: 'A4', at: '2026-12-04T09:30:00+07:00' },
  { id: 'A5-rate', type: 'rated', dossierId: 'A5', at: '2026-12-04T09:35:00+07:00', rating: 'unsatisfied', complaint: 'Chậm' },
  { id: 'A6-a', type: 'assigned', dossierId: 'A6', at: '2026-12-04T09:40:00+07:00', handler },
  { id: 'A6-p', type: 'processed', dossierId: 'A6', at: '2026-12-04T09:45:00+07:00', electronicResult: false },
  { id: 'A7-x', type: 'refused', dossierId: 'A7', at: '2026-12-04T09:50:00+07:00' },
  { id: 'A2-p', type: 'processed', dossierId: 'A2', at: '2026-12-04T09:55:00+07:00', complaint: true },
  { id: 'D1-p', type: 'processed', dossierId: 'D1', at: '2026-12-04T10:00:00+07:00' },
];

describe('last month’s index follows live events in memory', () => {
  let srv: TestServer;
  /** The store's own query (the test counts the server's calls of it, not its own). */
  let storeOverdueAt: TestServer['runtime']['store']['read']['overdueAt'];
  beforeAll(async () => {
    srv = await startTestServer({ start: Date.parse('2026-12-04T12:00:00+07:00') });
    storeOverdueAt = srv.runtime.store.read.overdueAt;
    const r = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        recv('A1', '26740', '2026-11-10T08:00:00+07:00', '2026-11-14T17:00:00+07:00', { channel: 'in_person' }),
        recv('A2', '26740', '2026-11-20T08:00:00+07:00', '2026-12-10T17:00:00+07:00'),
        recv('A3', '26737', '2026-11-25T08:00:00+07:00', '2026-12-05T17:00:00+07:00'),
        recv('A4', '26737', '2026-11-28T08:00:00+07:00', '2026-12-12T17:00:00+07:00', { channel: 'in_person' }),
        recv('A5', '26743', '2026-11-05T08:00:00+07:00', '2026-11-10T17:00:00+07:00'),
        { id: 'A5-p', type: 'processed', dossierId: 'A5', at: '2026-11-07T10:00:00+07:00' },
        recv('A6', '26743', '2026-11-29T08:00:00+07:00', '2026-12-08T17:00:00+07:00'),
        recv('A7', '26740', '2026-11-30T16:00:00+07:00', '2026-12-03T17:00:00+07:00'),
        recv('D1', '26740', '2026-12-02T08:00:00+07:00', '2026-12-08T17:00:00+07:00'),
      ],
    });
    expect(r.body.rejected, JSON.stringify(r.body)).toBe(0);
  });
  afterAll(async () => {
    await srv.close();
  });

  /** November's index of a unit computed afresh from the store, judged at the server's now. */
  function fresh(code: string) {
    const now = srv.clock.now();
    const c = srv.runtime.store.serviceIndex.indexCountsBetween(NOV_FROM, NOV_TO, now, [code]).get(code)!;
    const overdue = storeOverdueAt({ at: NOV_TO - 1 }).dossiers.find((x) => x.code === code)?.n ?? 0;
    return serviceIndex(buildIndexCounts(c.flow, { open: c.openAtEnd, overdue }), DEFAULT_SERVICE_INDEX_SETTINGS);
  }
  const november = async (code: string) => (await srv.get(`/api/v1/units/${code}/index?period=2026-11`)).body.index;

  it('equals the store’s figure after every live event, without reading the store for it', async () => {
    const first = new Map<string, unknown>();
    for (const code of UNITS) first.set(code, await november(code));
    for (const code of UNITS) expect(first.get(code)).toEqual(fresh(code));
    const repo = srv.runtime.store.serviceIndex;
    const read = repo.unitCountsBetween;
    const overdueAt = srv.runtime.store.read.overdueAt;
    const reads: string[] = [];
    repo.unitCountsBetween = (code, ...rest) => (reads.push(code), read(code, ...rest));
    srv.runtime.store.read.overdueAt = (p) => (reads.push('overdue'), overdueAt(p));
    const figures: unknown[] = [];
    try {
      for (const ev of LIVE) {
        const r = await srv.post('/api/v1/ingest/dossiers', { events: [ev] });
        expect(r.body.rejected, JSON.stringify(r.body)).toBe(0);
        for (const code of UNITS) {
          const figure = await november(code);
          expect(figure, `${String(ev.id)} ${code}`).toEqual(fresh(code));
          figures.push([ev.id, code, figure]);
        }
      }
      expect(reads).toEqual([]);
    } finally {
      repo.unitCountsBetween = read;
      srv.runtime.store.read.overdueAt = overdueAt;
    }
    // The store, now that every row is written, gives the same figure after the last event.
    for (const code of UNITS) {
      expect(figures.findLast((f) => (f as unknown[])[1] === code)).toEqual(['D1-p', code, fresh(code)]);
      expect(fresh(code), `${code} moved`).not.toEqual(first.get(code));
    }
  });

  it('still re-reads a code after a late event about last month', async () => {
    const repo = srv.runtime.store.serviceIndex;
    const read = repo.unitCountsBetween;
    const reads: string[] = [];
    repo.unitCountsBetween = (code, ...rest) => (reads.push(code), read(code, ...rest));
    try {
      await srv.post('/api/v1/ingest/dossiers', {
        events: [recv('A8', '26737', '2026-11-26T08:00:00+07:00', '2026-11-28T17:00:00+07:00')],
      });
      expect(await november('26737')).toEqual(fresh('26737'));
      expect(reads).toEqual(['26737']);
    } finally {
      repo.unitCountsBetween = read;
    }
  });
});
