/**
 * GET /index keeps its answer while the ranking is unchanged, one per asker: with the public view off,
 * a ward leader asking between two city-leader requests of the same period sees only their ward, and the
 * city leader then sees the same rows as before; `asOf` is always the moment of the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

describe('GET /index for several askers of one ranking', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ start: Date.parse('2026-12-04T10:00:00+07:00'), security: { publicView: false } });
    const r = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        receivedEvent({ id: 'A-r', dossierId: 'A', unit: '26740', at: '2026-11-10T08:00:00+07:00', dueAt: '2026-11-13T17:00:00+07:00' }),
        receivedEvent({ id: 'B-r', dossierId: 'B', unit: '26737', at: '2026-11-12T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
      ],
    });
    expect(r.body.rejected).toBe(0);
  });
  afterAll(async () => {
    await srv.close();
  });

  it('answers each asker with their own rows, and the same body again once the clock moved', async () => {
    const ward = await srv.as('unit_leader', 'unit:26740');
    const city = await srv.as('city_leader');
    const units = (body: { units: { code: string }[] }) => body.units.map((u) => u.code);
    const first = await city.get('/api/v1/index?period=2026-11');
    const own = await ward.get('/api/v1/index?period=2026-11');
    srv.clock.advance(1_000);
    const again = await city.get('/api/v1/index?period=2026-11');
    expect(own.status).toBe(200);
    expect(units(own.body)).toEqual(['26740']);
    expect(own.body.city).toBeNull();
    expect(units(first.body)).toHaveLength(srv.runtime.jurisdiction.units.length);
    expect({ ...again.body, asOf: null }).toEqual({ ...first.body, asOf: null });
    expect([first.body.asOf, again.body.asOf]).toEqual(['2026-12-04T10:00:00.000+07:00', '2026-12-04T10:00:01.000+07:00']);
  });
});
