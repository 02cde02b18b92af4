/**
 * Named periods (2026-11, 2026-Q3, 2026) on the officials' list and page, the buck-passing lists and
 * the exports: each answers for the whole named month, quarter or year, says so in its window (and in
 * an export's title), a named period that holds now is the current one, and a bad value is a 400
 * naming `period`. Real HTTP, real SQLite, the worker-thread scorecards.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const A = { id: 'A', name: 'Phạm Thị An', unit: '26740' };
const B = { id: 'B', name: 'Đặng Văn Bình', unit: '26740' };
let n = 0;
const assigned = (dossierId: string, at: string, handler: typeof A) => ({ id: `np-a${++n}`, type: 'assigned', dossierId, at, handler });

describe('named periods on the officials, buck-passing and export routes', () => {
  let srv: TestServer;
  let leader: RoleClient;
  beforeAll(async () => {
    // Friday 04/12/2026 10:00: November is closed.
    srv = await startTestServer({ start: Date.parse('2026-12-04T10:00:00+07:00') });
    const r = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        // November: A → B → A (B passed it back), finished on the 19th.
        receivedEvent({ id: 'np-r1', dossierId: 'NP-1', at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-25T17:00:00+07:00' }),
        assigned('NP-1', '2026-11-16T08:10:00+07:00', A),
        assigned('NP-1', '2026-11-17T08:00:00+07:00', B),
        assigned('NP-1', '2026-11-18T08:00:00+07:00', A),
        { id: 'np-p1', type: 'processed', dossierId: 'NP-1', at: '2026-11-19T10:00:00+07:00' },
        // December: A alone.
        receivedEvent({ id: 'np-r2', dossierId: 'NP-2', at: '2026-12-01T08:00:00+07:00', dueAt: '2026-12-08T17:00:00+07:00' }),
        assigned('NP-2', '2026-12-01T08:10:00+07:00', A),
        { id: 'np-p2', type: 'processed', dossierId: 'NP-2', at: '2026-12-02T10:00:00+07:00' },
      ],
    });
    expect(r.body.rejected).toBe(0);
    leader = await srv.as('city_leader');
  });
  afterAll(async () => {
    await srv?.close();
  });

  const november = { period: 'month', name: '2026-11', from: '2026-11-01T00:00:00.000+07:00', to: '2026-12-01T00:00:00.000+07:00' };
  const rowOf = (body: { items: { id: string }[] }, id: string) => body.items.find((x) => x.id === id) as Record<string, unknown>;

  it('lists the officials of a closed month, with the case counts of the buck-passing list of that month', async () => {
    const closed = await leader.get('/api/v1/officials?period=2026-11');
    expect(closed.status).toBe(200);
    expect(closed.body.window).toEqual(november);
    expect(rowOf(closed.body, 'A')).toMatchObject({ buckPassingCases: 1 });
    const cases = await leader.get('/api/v1/city/buck-passing?period=2026-11&official=A');
    expect(cases.body.window).toEqual(november);
    expect(cases.body.total).toBe(1);
    // December, asked as this month or by name: no case.
    const current = await leader.get('/api/v1/officials?period=month');
    const named = await leader.get('/api/v1/officials?period=2026-12');
    expect(named.body.window).toEqual({ ...current.body.window, name: '2026-12' });
    expect(rowOf(named.body, 'A')).toMatchObject({ buckPassingCases: 0 });
    expect((await leader.get('/api/v1/city/buck-passing?period=2026-12&official=A')).body.total).toBe(0);
  });

  it('opens an official’s page for a named period', async () => {
    const page = await leader.get('/api/v1/officials/A?period=2026-11');
    expect(page.status).toBe(200);
    expect(page.body.window).toEqual(november);
  });

  it('names quarters and years on the buck-passing lists, and keeps 30d', async () => {
    const q4 = await leader.get('/api/v1/units/26740/buck-passing?period=2026-Q4');
    expect(q4.body).toMatchObject({ total: 1, window: { period: 'quarter', name: '2026-Q4' } });
    const q3 = await leader.get('/api/v1/city/buck-passing?period=2026-Q3');
    expect(q3.body).toMatchObject({ total: 0, window: { period: 'quarter', name: '2026-Q3', from: '2026-07-01T00:00:00.000+07:00' } });
    expect((await leader.get('/api/v1/city/buck-passing?period=2026')).body.window).toMatchObject({ period: 'year', name: '2026' });
    expect((await leader.get('/api/v1/city/buck-passing?period=30d')).body.window.period).toBe('live');
  });

  it('titles an export of a named month with that month, from its first to its last day', async () => {
    const res = await fetch(`${srv.url}/api/v1/exports/officials?code=city&period=2026-11&lang=vi`, {
      headers: { cookie: leader.cookie! },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    expect(String(wb.worksheets[0].getCell('A1').value)).toContain('Kỳ: Tháng 11/2026 (01/11/2026 – 30/11/2026)');
  });

  it('answers 400 naming period for a value that is no period, on every route', async () => {
    for (const path of [
      '/api/v1/officials?period=2026-13',
      '/api/v1/officials/A?period=decade',
      '/api/v1/city/buck-passing?period=2027',
      '/api/v1/exports/dossiers?code=city&period=2026-Q5',
      '/api/v1/exports/by_field?code=city&period=2026-13',
    ]) {
      const res = await leader.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.message, path).toMatch(/^period: /);
    }
  });
});
