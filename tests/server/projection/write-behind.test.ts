import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { receivedEvent, startTestServer, T0, type TestServer } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';
/** Long enough that nothing is projected during a test unless a read asks for it. */
const HELD_BACK_MS = 60_000;

const assigned = (id: string, at: string, name = 'Nguyễn Văn A') => ({
  id,
  type: 'assigned',
  dossierId: 'D-1',
  at,
  handler: { id: `cb-${name.length}`, name, unit: '26740' },
});

/** The log and the projections as another connection sees them (what a crash would leave). */
function onDisk(dbFile: string) {
  const db = openDatabase(dbFile);
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      logged: one('SELECT COUNT(*) FROM events'),
      projectedSeq: Number(db.prepare(`SELECT value FROM meta WHERE key = 'projections.seq'`).pluck().get()),
      maxSeq: one('SELECT COALESCE(MAX(seq), 0) FROM events'),
      indexedIds: one('SELECT COUNT(*) FROM event_ids'),
    };
  } finally {
    db.close();
  }
}

describe('projections written behind the log', () => {
  let srv: TestServer | null = null;
  afterEach(async () => {
    await srv?.close();
    srv = null;
  });

  it('answers reads after a POST with what it accepted while the projection writer still holds its writes back', async () => {
    srv = await startTestServer({ projectionFlushMs: HELD_BACK_MS });
    const res = await srv.post(DOSSIERS, {
      events: [
        receivedEvent({ dueAt: '2026-11-19T17:00:00+07:00', at: '2026-11-17T08:00:00+07:00' }),
        assigned('a1', '2026-11-17T08:30:00+07:00'),
      ],
    });
    expect(res.body.accepted).toBe(2);
    // Durable in the log, not yet in the projections.
    expect(onDisk(srv.dbFile)).toMatchObject({ logged: 2, projectedSeq: 0 });

    const detail = await (await srv.as('city_leader')).get('/api/v1/dossiers/D-1');
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ timeliness: 'overdue', holds: [{ handlerName: 'Nguyễn Văn A', to: null }] });
    expect(detail.body.timeline.map((e: { eventId: string }) => e.eventId)).toEqual(['e-recv-1', 'a1']);
    const list = await (await srv.as('city_leader')).get('/api/v1/units/26740/dossiers?status=overdue');
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual(['D-1']);
    expect(onDisk(srv.dbFile).projectedSeq).toBe(2);

    // A second POST is visible at once too, to the list and the unit's officials.
    await srv.post(DOSSIERS, { events: [assigned('a2', '2026-11-18T08:00:00+07:00', 'Trần Thị B')] });
    const again = await (await srv.as('city_leader')).get('/api/v1/units/26740/dossiers?status=overdue');
    expect(again.body.items[0]).toMatchObject({ id: 'D-1', holderName: 'Trần Thị B' });
  });

  it('tells a resent id from a new one before and after the writer indexed it, and after a restart', async () => {
    srv = await startTestServer({ projectionFlushMs: HELD_BACK_MS });
    const first = receivedEvent();
    const conflicting = receivedEvent({ channel: 'postal' });
    const { procedure, ...rest } = first;
    const reordered = { procedure, ...rest };
    const statuses = async (events: unknown[]) =>
      (await srv!.post(DOSSIERS, { events })).body.results.map((r: { status: string }) => r.status);

    // In one batch, then before the writer indexed the id, then after it did.
    expect(await statuses([first, reordered, conflicting])).toEqual(['accepted', 'duplicate', 'rejected']);
    expect(onDisk(srv.dbFile)).toMatchObject({ logged: 1, indexedIds: 0 });
    expect(await statuses([reordered, conflicting])).toEqual(['duplicate', 'rejected']);
    srv.runtime.projections.sync();
    expect(onDisk(srv.dbFile)).toMatchObject({ logged: 1, indexedIds: 1 });
    expect(await statuses([first, conflicting, { ...first, id: 'e-2', dossierId: 'D-2' }])).toEqual(['duplicate', 'rejected', 'accepted']);

    // After a restart (the second id was logged but never indexed before the stop: recovery indexes it).
    const { dir } = srv;
    await srv.close({ keepFiles: true });
    srv = await startTestServer({ dir, start: T0, projectionFlushMs: HELD_BACK_MS });
    expect(await statuses([first, { ...first, id: 'e-2', dossierId: 'D-2' }, conflicting])).toEqual(['duplicate', 'duplicate', 'rejected']);
    expect(onDisk(srv.dbFile)).toMatchObject({ logged: 2, indexedIds: 2 });
    const q = await (await srv.as('admin')).get('/api/v1/quarantine');
    expect(q.body.total).toBe(4);
  });

  it('looks up a whole batch of indexed ids at once: duplicates, conflicts and new ids side by side, whatever the ids hold', async () => {
    srv = await startTestServer({ projectionFlushMs: HELD_BACK_MS });
    const ids = ['plain', 'with "quotes"', 'back\\slash', 'hồ sơ – ngày 1', '[1,2]', "it's", 'x'.repeat(200)];
    const event = (id: string, i: number, channel = 'online') => receivedEvent({ id, dossierId: `D-${i}`, channel });
    const statuses = async (events: unknown[]) =>
      (await srv!.post(DOSSIERS, { events })).body.results.map((r: { status: string }) => r.status);

    expect(await statuses(ids.map((id, i) => event(id, i)))).toEqual(ids.map(() => 'accepted'));
    srv.runtime.projections.sync();
    expect(onDisk(srv.dbFile)).toMatchObject({ logged: ids.length, indexedIds: ids.length });

    // Every id resent (the odd ones with other content), plus new ids, one of them twice.
    const batch = [
      ...ids.map((id, i) => event(id, i, i % 2 ? 'postal' : 'online')),
      event('new-1', 100),
      event('new-1', 100),
      event('new-2', 101, 'postal'),
    ];
    expect(await statuses(batch)).toEqual([...ids.map((_, i) => (i % 2 ? 'rejected' : 'duplicate')), 'accepted', 'duplicate', 'accepted']);
    expect(onDisk(srv.dbFile).logged).toBe(ids.length + 2);
  });

  it('refolds a late earlier event into the same state as an in-order arrival, whether or not the writer has the dossier yet', async () => {
    const inOrder = [
      receivedEvent({ at: '2026-11-18T08:00:00+07:00', dueAt: '2026-11-19T17:00:00+07:00' }),
      assigned('a1', '2026-11-18T08:10:00+07:00', 'Phạm Thị A'),
      assigned('a2', '2026-11-18T09:00:00+07:00', 'Lê Văn C'),
      { id: 'p', type: 'processed', dossierId: 'D-1', at: '2026-11-19T10:00:00+07:00' },
    ];
    const reference = await startTestServer({ projectionFlushMs: HELD_BACK_MS });
    await reference.post(DOSSIERS, { events: inOrder });
    const expected = (await (await reference.as('city_leader')).get('/api/v1/dossiers/D-1')).body;
    const expectedMetrics = reference.runtime.engine.metrics('unit:26740', 'month');
    await reference.close();
    expect(expected.holds).toHaveLength(2);

    const [received, a1, a2, processed] = inOrder;
    // 1. The late event arrives while the writer has not written the dossier: the ingest path refolds.
    srv = await startTestServer({ projectionFlushMs: HELD_BACK_MS });
    await srv.post(DOSSIERS, { events: [received, a2, processed] });
    await srv.post(DOSSIERS, { events: [a1] });
    expect(onDisk(srv.dbFile).projectedSeq).toBe(0);
    // The writer meets the same late event within one pass: it refolds too.
    expect((await (await srv.as('city_leader')).get('/api/v1/dossiers/D-1')).body).toEqual(expected);
    expect(srv.runtime.engine.metrics('unit:26740', 'month')).toEqual(expectedMetrics);
    await srv.close();

    // 2. The late event arrives after the writer wrote the dossier.
    srv = await startTestServer({ projectionFlushMs: HELD_BACK_MS });
    await srv.post(DOSSIERS, { events: [received, a2, processed] });
    srv.runtime.projections.sync();
    await srv.post(DOSSIERS, { events: [a1] });
    expect((await (await srv.as('city_leader')).get('/api/v1/dossiers/D-1')).body).toEqual(expected);
    expect(srv.runtime.engine.metrics('unit:26740', 'month')).toEqual(expectedMetrics);
  });
});
