import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetailService } from '../../../server/http/detail-service.js';
import { computeUnitDetail } from '../../../server/http/unit-detail.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import { periodWindow } from '../../../server/metrics/periods.js';
import type { ReadRepo } from '../../../server/db/read-repo.js';
import { T0, receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const calendar = loadWorkCalendar();
const window = periodWindow('month', T0);

/** A read repo answering empty tables and counting how often the detail queries ran. */
function countingRead(): { read: ReadRepo; runs: () => number } {
  let runs = 0;
  const empty = () => [];
  const read = {
    finishedProcessing: () => {
      runs++;
      return [];
    },
    byField: empty,
    byProcedure: empty,
    breakdowns: () => ({ byField: [], byProcedure: [] }),
    holds: empty,
    officialTotals: empty,
    buckPassingByOfficial: () => new Map(),
    dailyFlows: empty,
    overdueSpans: empty,
    processingHistogram: empty,
  } as unknown as ReadRepo;
  return { read, runs: () => runs };
}

describe('detail service', () => {
  it('shares one computation between concurrent requests for the same view', async () => {
    const { read, runs } = countingRead();
    const svc = createDetailService({ dbFile: ':memory:', read, calendar, settings: DEFAULT_DOMAIN_SETTINGS });
    const req = { unit: null, window, now: T0, withOfficials: false, ttlMs: 30_000 };
    await Promise.all([svc.get(req), svc.get(req), svc.get(req)]);
    expect(runs()).toBe(1);
    await svc.close();
  });

  it('answers a stale view at once and refreshes it behind, then serves the fresh one', async () => {
    const { read, runs } = countingRead();
    let wall = 1_000_000;
    const svc = createDetailService({ dbFile: ':memory:', read, calendar, settings: DEFAULT_DOMAIN_SETTINGS, realNow: () => wall });
    const first = await svc.get({ unit: '26740', window, now: T0, withOfficials: true, ttlMs: 5_000 });
    wall += 6_000; // past the TTL, within the stale allowance
    const stale = await svc.get({ unit: '26740', window, now: T0 + 6_000, withOfficials: true, ttlMs: 5_000 });
    expect(stale.computedAt).toBe(first.computedAt);
    await new Promise((r) => setTimeout(r, 10));
    expect(runs()).toBe(2);
    const fresh = await svc.get({ unit: '26740', window, now: T0 + 7_000, withOfficials: true, ttlMs: 5_000 });
    expect(fresh.computedAt).toBe(T0 + 6_000);
    await svc.close();
  });

  it('recomputes a view too old to serve stale', async () => {
    const { read, runs } = countingRead();
    let wall = 0;
    const svc = createDetailService({ dbFile: ':memory:', read, calendar, settings: DEFAULT_DOMAIN_SETTINGS, realNow: () => wall });
    await svc.get({ unit: null, window, now: T0, withOfficials: false, ttlMs: 1_000 });
    wall += 60_000;
    const again = await svc.get({ unit: null, window, now: T0 + 1, withOfficials: false, ttlMs: 1_000 });
    expect(again.computedAt).toBe(T0 + 1);
    expect(runs()).toBe(2);
    await svc.close();
  });
});

describe('unit detail over HTTP, computed on a worker thread', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
    await srv.post('/api/v1/ingest/dossiers', {
      events: [
        receivedEvent({ id: 'r1', dossierId: 'D-1', at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
        {
          id: 'a1',
          type: 'assigned',
          dossierId: 'D-1',
          at: '2026-11-16T08:10:00+07:00',
          handler: { id: 'A', name: 'Phạm Thị A', unit: '26740' },
        },
        receivedEvent({ id: 'r2', dossierId: 'D-2', at: '2026-11-17T08:00:00+07:00', dueAt: '2026-11-19T17:00:00+07:00' }),
        { id: 'p2', type: 'processed', dossierId: 'D-2', at: '2026-11-18T09:00:00+07:00' },
      ],
    });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('answers the same tables as the queries run on the server thread', async () => {
    const leader = await srv.as('city_leader');
    for (const code of ['26740', 'city']) {
      const { status, body } = await leader.get(`/api/v1/units/${code}?period=month`);
      expect(status).toBe(200);
      const inline = computeUnitDetail(srv.runtime.store.read, srv.runtime.calendar, {
        unit: code === 'city' ? null : code,
        window: srv.runtime.engine.window('month'),
        now: srv.clock.now(),
        withOfficials: true,
      });
      expect(JSON.parse(JSON.stringify(inline))).toEqual({
        byField: body.byField,
        byProcedure: body.byProcedure,
        byOfficial: body.byOfficial,
        trend: body.trend,
        processingHistogram: body.processingHistogram,
      });
      expect(body.byField.length).toBeGreaterThan(0);
      expect(body.byOfficial.length).toBeGreaterThan(0);
    }
  });
});
