/**
 * The service index in a national pack (JURISDICTION=vn): provinces ranked among the country's
 * provinces, scored from their communes' counts (live this month, from the store for a closed one),
 * and communes ranked among the communes of their own province; `?province=` lists one province's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumIndexCounts, emptyIndexCounts } from '../../../server/domain/service-index-facts.js';
import type { IndexRow } from '../../../shared/contract/service-index.js';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const BA_DINH = '00004'; // Hà Nội (01)
const NGOC_HA = '00008'; // Hà Nội (01)
const SAI_GON = '26740'; // Hồ Chí Minh City (79)

/** A dossier received `day` of `month` and finished the next day, on time or (late) after its due date. */
function dossier(id: string, unit: string, month: string, late: boolean) {
  const at = `2026-${month}-03T08:00:00+07:00`;
  return [
    receivedEvent({
      id: `r-${id}`,
      dossierId: id,
      unit,
      at,
      dueAt: late ? `2026-${month}-03T17:00:00+07:00` : `2026-${month}-10T17:00:00+07:00`,
    }),
    { id: `p-${id}`, type: 'processed', dossierId: id, at: `2026-${month}-04T09:00:00+07:00` },
  ];
}

describe('the service index of a national pack', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ jurisdiction: 'vn' });
    const events = ['10', '11'].flatMap((m) => [
      ...dossier(`A${m}`, BA_DINH, m, false),
      ...dossier(`B${m}`, NGOC_HA, m, true),
      ...dossier(`C${m}`, SAI_GON, m, true),
    ]);
    const res = await srv.post('/api/v1/ingest/dossiers', { events });
    expect(res.body.accepted).toBe(events.length);
  }, 120_000);
  afterAll(() => srv?.close());

  const byCode = (rows: IndexRow[]) => new Map(rows.map((r) => [r.code, r]));

  for (const period of ['month', '2026-10']) {
    it(`ranks the provinces among provinces, from their communes’ dossiers (${period})`, async () => {
      const res = await srv.get(`/api/v1/index?period=${period}`);
      expect(res.status).toBe(200);
      const provinces = byCode(res.body.provinces);
      expect(provinces.size).toBe(34);
      expect(provinces.get('01')).toMatchObject({ kind: 'province', name: 'Thành phố Hà Nội', dossiers: 2 });
      expect(provinces.get('79')).toMatchObject({ kind: 'province', dossiers: 1 });
      // Hà Nội has one dossier on time of two, Hồ Chí Minh City none of one: Hà Nội ranks above.
      expect(provinces.get('01')!.rank).toBe(1);
      expect(provinces.get('79')!.rank).toBe(2);
      // Provinces with nothing to judge are not ranked (a total of untouched maxima would be a false claim).
      expect(provinces.get('96')).toMatchObject({ total: null, rank: null });
      // The first request builds the index of 3,355 scopes: seconds on a loaded machine.
    }, 60_000);
  }

  it('ranks a commune among its own province’s communes: Sài Gòn is first in Hồ Chí Minh City though worse than Ngọc Hà', async () => {
    const units = byCode((await srv.get('/api/v1/index?period=month&units=all')).body.units);
    expect(units.get(BA_DINH)!.rank).toBe(1);
    expect(units.get(NGOC_HA)!.rank).toBe(2);
    expect(units.get(SAI_GON)!.rank).toBe(1);
  });

  it('leaves the 3,321 communes out at country level, where the provinces rank, unless ?units=all asks for them', async () => {
    const country = await srv.get('/api/v1/index?period=month');
    expect(country.body.units).toEqual([]);
    expect(country.body.provinces).toHaveLength(34);
    expect(JSON.stringify(country.body).length).toBeLessThan(60_000);
    const all = await srv.get('/api/v1/index?period=month&units=all');
    expect(all.body.units).toHaveLength(srv.runtime.jurisdiction.units.length);
    const both = await srv.get('/api/v1/index?period=month&province=01&units=all');
    expect([both.status, both.body.error.message]).toEqual([400, expect.stringMatching(/^units: all is for the country level/)]);
    expect((await srv.get('/api/v1/index?units=some')).body.error.message).toMatch(/^units: must be all/);
  });

  it('lists one province’s communes with ?province=, 404 for an unknown one, 400 for a malformed one', async () => {
    const res = await srv.get('/api/v1/index?period=month&province=01');
    expect(res.status).toBe(200);
    const hanoi = srv.runtime.jurisdiction.units.filter((u) => u.province === '01').map((u) => u.code);
    expect(res.body.units.map((r: IndexRow) => r.code).sort()).toEqual(hanoi.sort());
    expect((await srv.get('/api/v1/index?province=99')).status).toBe(404);
    expect((await srv.get('/api/v1/index?province=abc')).status).toBe(400);
  });
});

describe('a city pack’s service index', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(() => srv?.close());

  it('carries no provinces and refuses ?province= naming the parameter', async () => {
    const res = await srv.get('/api/v1/index');
    expect(res.status).toBe(200);
    expect(res.body.provinces).toBeUndefined();
    const bad = await srv.get('/api/v1/index?province=01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^province: /);
  });
});

describe('sumIndexCounts', () => {
  it('adds every field, and the sum of nothing is empty', () => {
    const one = { ...emptyIndexCounts(), received: 2, progressTotal: 3, satisfactionBad: 1 };
    expect(sumIndexCounts([one, one])).toMatchObject({ received: 4, progressTotal: 6, satisfactionBad: 2, paidOnline: 0 });
    expect(sumIndexCounts([])).toEqual(emptyIndexCounts());
  });
});
