/**
 * The service index on the live channel: an event that changes a ward's online share moves that ward's
 * index in the next `metrics:updated`, with the figure GET /units/:code/index gives right after; only
 * the scopes and periods whose figure changed are sent. Real server, real Socket.IO clients.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricsUpdated, SubscribeAck } from '../../../server/realtime/events.js';
import { receivedEvent, startTestServer, waitFor, type TestServer, type TestSocket } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';

function subscribe(s: TestSocket, scope: string, period = 'today'): Promise<SubscribeAck> {
  return new Promise((resolve) => s.emit('scope:subscribe', { scope: scope as never, period: period as never }, resolve));
}

let seq = 0;
const recv = (unit: string, channel: 'online' | 'in_person') =>
  receivedEvent({ id: `li-${++seq}`, dossierId: `LI-${seq}`, unit, channel, at: '2026-11-20T08:00:00+07:00' });

describe('the service index in metrics:updated', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer();
  });
  afterEach(async () => {
    await srv.close();
  });

  const routeFigure = async (code: string, period: string) => {
    const row = (await srv.get(`/api/v1/units/${code}/index?period=${period}`)).body.row;
    return { total: row.total, grade: row.grade, computedPoints: row.computedPoints, computedMax: row.computedMax };
  };

  it('moves a ward’s index with its online share, equal to the REST figure right after', async () => {
    const s = await srv.socket();
    expect((await subscribe(s, 'unit:26740')).ok).toBe(true);

    let delta = waitFor<MetricsUpdated>(s, 'metrics:updated');
    await srv.post(DOSSIERS, { events: [recv('26740', 'online')] });
    const first = await delta;
    const firstMonth = first.index?.['unit:26740']?.month;
    expect(firstMonth).toEqual(await routeFigure('26740', 'month'));
    expect(first.index?.['unit:26740']?.quarter).toEqual(await routeFigure('26740', 'quarter'));
    expect(first.index?.['unit:26740']?.year).toEqual(await routeFigure('26740', 'year'));

    // Two dossiers in person take the online share from 1 of 1 to 1 of 3, under the indicator's 50 %
    // threshold: the month's points fall.
    delta = waitFor<MetricsUpdated>(s, 'metrics:updated', (m) => m.index?.['unit:26740'] !== undefined);
    await srv.post(DOSSIERS, { events: [recv('26740', 'in_person'), recv('26740', 'in_person')] });
    const second = await delta;
    const month = second.index?.['unit:26740']?.month;
    expect(month).toBeDefined();
    expect(month!.computedPoints).toBeLessThan(firstMonth!.computedPoints);
    expect(month).toEqual(await routeFigure('26740', 'month'));
  });

  it('sends only the scopes whose figure changed, and nothing of the index when none did', async () => {
    const s = await (await srv.as('city_leader')).socket();
    expect((await subscribe(s, 'city')).ok).toBe(true);
    let delta = waitFor<MetricsUpdated>(s, 'metrics:updated');
    await srv.post(DOSSIERS, { events: [recv('26740', 'online')] });
    expect(Object.keys((await delta).index ?? {}).sort()).toEqual(['city', 'unit:26740']);

    delta = waitFor<MetricsUpdated>(s, 'metrics:updated');
    await srv.post(DOSSIERS, { events: [recv('26743', 'online')] });
    const other = await delta;
    expect(Object.keys(other.index ?? {})).toContain('unit:26743');
    expect(other.index?.['unit:26740']).toBeUndefined();

    // An assignment moves no index count: the delta, if any, carries no index.
    const pushed: MetricsUpdated[] = [];
    s.on('metrics:updated', (m: MetricsUpdated) => pushed.push(m));
    await srv.post(DOSSIERS, {
      events: [
        {
          id: 'li-assign',
          type: 'assigned',
          dossierId: `LI-${seq}`,
          at: '2026-11-20T08:30:00+07:00',
          handler: { id: 'cb1', name: 'Trần Thị B', unit: '26743' },
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 400));
    for (const m of pushed) expect(m.index).toBeUndefined();
  });
});
