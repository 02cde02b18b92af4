import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

/** The server on the national pack (JURISDICTION=vn): 34 provinces, 3,321 communes. */
describe('the overview at national scale (JURISDICTION=vn)', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ jurisdiction: 'vn' });
    // A commune of Hà Nội (00004 Ba Đình) and one of Cà Mau (32008): both are known codes now.
    const res = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        receivedEvent({ id: 'n1', dossierId: 'N-1', unit: '00004' }),
        receivedEvent({ id: 'n2', dossierId: 'N-2', unit: '00004' }),
        receivedEvent({ id: 'n3', dossierId: 'N-3', unit: srv.runtime.jurisdiction.units.find((u) => u.province === '96')!.code }),
      ],
    });
    expect(res.body.accepted).toBe(3);
  });
  afterAll(() => srv.close());

  it('serves the 3,321 communes and 34 provinces of the pack on /jurisdiction', async () => {
    const leader = await srv.as('city_leader');
    const j = await leader.get('/api/v1/jurisdiction');
    expect(j.status).toBe(200);
    expect(j.body.code).toBe('VN');
    expect(j.body.units).toHaveLength(3321);
    expect(j.body.provinces).toHaveLength(34);
    expect(j.body.units.find((u: { code: string }) => u.code === '00004').province).toBe('01');
  });

  it('carries the 34 provinces at country level, not the communes, and counts the country', async () => {
    const leader = await srv.as('city_leader');
    const o = await leader.get('/api/v1/overview?period=today');
    expect(o.status).toBe(200);
    expect(o.body.level).toEqual({ province: null });
    expect(Object.keys(o.body.provinces)).toHaveLength(34);
    expect(o.body.units).toEqual({});
    expect(o.body.provinces['01'].received).toBe(2);
    expect(o.body.provinces['96'].received).toBe(1);
    expect(o.body.provinces['79'].received).toBe(0);
    expect(o.body.city.received).toBe(3);
    expect(Object.keys(o.body.departments).length).toBeGreaterThan(0);
  });

  it("carries one province's communes after a drill, with the province's figures on top", async () => {
    const leader = await srv.as('city_leader');
    const o = await leader.get('/api/v1/overview?period=today&province=01');
    expect(o.status).toBe(200);
    expect(o.body.level).toEqual({ province: '01' });
    const hanoi = srv.runtime.jurisdiction.units.filter((u) => u.province === '01').map((u) => u.code);
    expect(Object.keys(o.body.units).sort()).toEqual(hanoi.sort());
    expect(o.body.units['00004'].received).toBe(2);
    expect(o.body.city.received).toBe(2);
    expect(o.body.departments).toEqual({});
    expect(o.body.provinces).toEqual({});
    expect(o.body.forecast).toBeNull();
  });

  it('keeps the answer at country level small (the provinces, not 3,321 communes)', async () => {
    const leader = await srv.as('city_leader');
    const o = await leader.get('/api/v1/overview?period=today');
    expect(JSON.stringify(o.body).length).toBeLessThan(100_000);
  });

  it('answers 404 for an unknown province and 400 for a malformed one, naming the parameter', async () => {
    const leader = await srv.as('city_leader');
    const unknown = await leader.get('/api/v1/overview?province=99');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/province.*99/);
    const bad = await leader.get('/api/v1/overview?province=hanoi');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^province:/);
  });

  it('serves the schematic commune cells of the pack', async () => {
    const leader = await srv.as('city_leader');
    const b = await leader.get('/api/v1/jurisdiction/boundaries');
    expect(b.status).toBe(200);
    expect(b.body.schematic).toBe(true);
    expect(b.body.features).toHaveLength(3321);
  });

  it('serves the 34 schematic province cells for the country level', async () => {
    const b = await srv.get('/api/v1/jurisdiction/province-boundaries');
    expect(b.status).toBe(200);
    expect(b.body.schematic).toBe(true);
    expect(b.body.features).toHaveLength(34);
  });

  it('refuses a code outside the country', async () => {
    const res = await srv.post('/api/v1/ingest/dossiers', { events: [receivedEvent({ id: 'n9', dossierId: 'N-9', unit: '99999' })] });
    expect(res.body.accepted).toBe(0);
  });
});
