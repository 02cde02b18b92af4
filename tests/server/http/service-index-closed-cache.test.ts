/**
 * A closed period's index is kept between requests, never past the log: a late event about last month
 * changes its figure at the next request (not a minute later), and so does the clock where satisfaction
 * is judged at now (an open dossier of last month falling overdue). Each answer equals the index
 * computed afresh from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndexCounts } from '../../../server/metrics/index-counts.js';
import { serviceIndex } from '../../../server/domain/service-index.js';
import { DEFAULT_SERVICE_INDEX_SETTINGS } from '../../../server/domain/service-index-settings.js';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const NOV_FROM = Date.parse('2026-11-01T00:00:00+07:00');
const NOV_TO = Date.parse('2026-12-01T00:00:00+07:00');
const known = {
  digitized: true,
  electronicResult: true,
  reusedData: false,
  fromPersonalDataStore: true,
  citizenDataConnected: true,
  complaint: false,
};
let seq = 0;
const recv = (dossierId: string, at: string, dueAt: string, extra: Record<string, unknown> = {}) =>
  receivedEvent({ id: `${dossierId}-${++seq}`, dossierId, unit: '26740', at, dueAt, ...known, ...extra });

describe('the closed periods of the service index, kept until the log or the clock moves them', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ start: Date.parse('2026-12-04T10:00:00+07:00') });
    const r = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        recv('N1', '2026-11-10T08:00:00+07:00', '2026-11-13T17:00:00+07:00', { channel: 'in_person' }),
        { id: 'N1-done', type: 'processed', dossierId: 'N1', at: '2026-11-12T10:00:00+07:00' },
        // Open at November's end, due tomorrow at 17:00: satisfaction counts it bad once that passes.
        recv('N2', '2026-11-20T08:00:00+07:00', '2026-12-05T17:00:00+07:00', { channel: 'in_person' }),
        recv('D1', '2026-12-02T08:00:00+07:00', '2026-12-08T17:00:00+07:00'),
      ],
    });
    expect(r.body.rejected).toBe(0);
  });
  afterAll(async () => {
    await srv.close();
  });

  /** November's index of ward 26740 computed afresh from the store, judged at the server's now. */
  function fresh() {
    const now = srv.clock.now();
    const c = srv.runtime.store.serviceIndex.indexCountsBetween(NOV_FROM, NOV_TO, now, ['26740']).get('26740')!;
    const overdue = srv.runtime.store.read.overdueAt({ at: NOV_TO - 1 }).dossiers.find((x) => x.code === '26740')?.n ?? 0;
    return serviceIndex(buildIndexCounts(c.flow, { open: c.openAtEnd, overdue }), DEFAULT_SERVICE_INDEX_SETTINGS);
  }
  const november = async () => (await srv.get('/api/v1/units/26740/index?period=2026-11')).body;
  const onlineOf = (body: { index: { indicators: { id: string; numerator: number; denominator: number }[] } }) =>
    body.index.indicators.find((i) => i.id === 'online_dossiers');

  it('serves the same figure twice when nothing happened, equal to the store’s', async () => {
    const first = await november();
    expect(first.index).toEqual(fresh());
    expect(onlineOf(first)).toMatchObject({ numerator: 0, denominator: 2 });
    expect((await november()).index).toEqual(first.index);
  });

  it('changes at the next request when a late event about last month arrives', async () => {
    const before = await november();
    const monthRowBefore = (await srv.get('/api/v1/index?period=month')).body.units.find((u: { code: string }) => u.code === '26740');
    const r = await srv.post('/api/v1/ingest/dossiers', { events: [recv('N3', '2026-11-25T08:00:00+07:00', '2026-11-27T17:00:00+07:00')] });
    expect(r.body.rejected).toBe(0);
    const after = await november();
    expect(onlineOf(after)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(after.index.total).not.toBe(before.index.total);
    expect(after.index).toEqual(fresh());
    // The current month's change is against November, as it stands now.
    const monthRow = (await srv.get('/api/v1/index?period=month')).body.units.find((u: { code: string }) => u.code === '26740');
    expect(monthRow.change).toBeCloseTo(monthRow.total - after.index.total, 2);
    expect(monthRow.change).not.toBe(monthRowBefore.change);
  });

  it('re-reads nothing after a hand-over, and only the ward an event changed', async () => {
    await november();
    const repo = srv.runtime.store.serviceIndex;
    const read = repo.unitCountsBetween;
    const codes: string[] = [];
    repo.unitCountsBetween = (code, ...rest) => (codes.push(code), read(code, ...rest));
    try {
      const handler = { id: 'H1', name: 'Trần Thị B', unit: '26740' };
      await srv.post('/api/v1/ingest/dossiers', {
        events: [{ id: 'N2-a', type: 'assigned', dossierId: 'N2', at: '2026-12-01T08:00:00+07:00', handler }],
      });
      await november();
      expect(codes).toEqual([]);
      await srv.post('/api/v1/ingest/dossiers', { events: [recv('N4', '2026-11-26T08:00:00+07:00', '2026-11-30T17:00:00+07:00')] });
      const after = await november();
      expect(codes).toEqual(['26740']);
      expect(after.index).toEqual(fresh());
    } finally {
      repo.unitCountsBetween = read;
    }
  });

  it('changes when the clock passes the due date of an open dossier of last month, with no event', async () => {
    const satisfaction = (body: { index: { indicators: { id: string; numerator: number }[] } }) =>
      body.index.indicators.find((i) => i.id === 'dossier_satisfaction')!.numerator;
    const before = await november();
    srv.clock.set(Date.parse('2026-12-07T09:00:00+07:00'));
    const after = await november();
    expect(satisfaction(after)).toBe(satisfaction(before) - 1);
    expect(after.index).toEqual(fresh());
  });
});
