/**
 * The data-quality review over the real HTTP server: records are quarantined by the real ingest path,
 * then replayed (fixed) or dismissed by an admin through the REST API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const Q = '/api/v1/admin/quality';

describe('data-quality review API (/api/v1/admin/quality)', () => {
  let srv: TestServer;
  let admin: RoleClient;
  let leader: RoleClient;

  beforeAll(async () => {
    srv = await startTestServer();
    admin = await srv.as('admin');
    leader = await srv.as('city_leader');
  });
  afterAll(async () => {
    await srv?.close();
  });

  /** Sends one event as the test's dossier source; returns its id in quarantine when it was refused. */
  async function quarantine(event: Record<string, unknown>): Promise<number> {
    const res = await srv.post('/api/v1/ingest/dossiers', { events: [event] });
    expect(res.body.results[0].status).toBe('rejected');
    const list = await admin.get(`${Q}/records?state=open`);
    return list.body.items.find((i: { eventId: string }) => i.eventId === event.id).id;
  }

  const receivedToday = async () => (await leader.get('/api/v1/units/26740?period=today')).body.metrics.received as number;

  it('lists a record the ingest path refused with its source, rule, errors and raw payload, and counts it per source × rule and per day', async () => {
    const id = await quarantine(receivedEvent({ id: 'q-list', dossierId: 'Q-LIST', unit: '99999' }));
    const rec = await admin.get(`${Q}/records/${id}`);
    expect(rec.status).toBe(200);
    expect(rec.body).toMatchObject({
      source: 'test-dossiers',
      kind: 'dossier',
      rule: 'unknown_code',
      state: 'open',
      receivedAt: '2026-11-20T09:00:00.000+07:00',
      raw: { id: 'q-list', unit: '99999' },
      errors: [{ path: 'unit', message: expect.stringContaining('unknown code "99999"') }],
      errorRules: ['unknown_code'],
    });
    const counts = await admin.get(`${Q}/counts`);
    expect(counts.body.to).toBe('2026-11-20');
    expect(counts.body.from).toBe('2026-10-22');
    expect(counts.body.byDay).toHaveLength(30);
    expect(counts.body.byDay.at(-1)).toEqual({ day: '2026-11-20', total: 1 });
    expect(counts.body.bySourceRule).toEqual([{ source: 'test-dossiers', rule: 'unknown_code', total: 1, open: 1 }]);
    // The last day is included; a day with nothing is listed as 0.
    const oneDay = await admin.get(`${Q}/counts?from=2026-11-19&to=2026-11-20&rule=unknown_code`);
    expect(oneDay.body.byDay).toEqual([
      { day: '2026-11-19', total: 0 },
      { day: '2026-11-20', total: 1 },
    ]);
    expect((await admin.get(`${Q}/records?from=2026-11-21`)).body.total).toBe(0);
  });

  it('refuses bad filters with what is wrong', async () => {
    expect((await admin.get(`${Q}/records?rule=nonsense`)).status).toBe(400);
    const res = await admin.get(`${Q}/counts?from=2026-11-31`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^from: must be a calendar date/);
    expect((await admin.get(`${Q}/counts?from=2026-11-20&to=2026-11-19`)).body.error.message).toBe(
      'from (2026-11-20) is after to (2026-11-19)',
    );
    expect((await admin.get(`${Q}/counts?from=2025-01-01&to=2026-11-19`)).status).toBe(400);
    expect((await admin.get(`${Q}/records/abc`)).status).toBe(400);
    expect((await admin.get(`${Q}/records/999999`)).status).toBe(404);
  });

  it('replays a fixed copy as the source: logged once and counted; again: a duplicate; still bad: the new errors, open, not quarantined twice', async () => {
    const id = await quarantine(receivedEvent({ id: 'q-fix', dossierId: 'Q-FIX', unit: '99999' }));
    const events = srv.runtime.store.events.count();
    const quarantined = (await admin.get(`${Q}/records`)).body.total;
    const before = await receivedToday();

    const stillBad = await admin.post(`${Q}/records/${id}/replay`, {
      payload: receivedEvent({ id: 'q-fix', dossierId: 'Q-FIX', unit: '88888' }),
    });
    expect(stillBad.status).toBe(200);
    expect(stillBad.body).toMatchObject({ outcome: 'rejected', errors: [{ path: 'unit', message: expect.stringContaining('"88888"') }] });
    expect(stillBad.body.record.state).toBe('open');
    expect((await admin.get(`${Q}/records`)).body.total).toBe(quarantined);

    const fixed = receivedEvent({ id: 'q-fix', dossierId: 'Q-FIX', unit: '26740' });
    const seen = srv.runtime.store.sources.findByName('test-dossiers')!.lastSeenAt;
    srv.clock.advance(60_000);
    const ok = await admin.post(`${Q}/records/${id}/replay`, { payload: fixed });
    // The admin sent it, not the source: the source's silence is judged on what it sends itself.
    expect(srv.runtime.store.sources.findByName('test-dossiers')!.lastSeenAt).toBe(seen);
    expect(ok.body).toMatchObject({ outcome: 'accepted', eventIds: ['q-fix'] });
    expect(ok.body.record).toMatchObject({
      state: 'replayed',
      reviewedBy: `user:${admin.username}`,
      replayedEventIds: ['q-fix'],
      replayedRaw: fixed,
    });
    expect(srv.runtime.store.events.count()).toBe(events + 1);
    expect(await receivedToday()).toBe(before + 1);
    const listed = await leader.get('/api/v1/units/26740/dossiers?status=in_progress');
    expect(listed.body.items.map((d: { id: string }) => d.id)).toContain('Q-FIX');

    const again = await admin.post(`${Q}/records/${id}/replay`, { payload: fixed });
    expect(again.body).toMatchObject({ outcome: 'duplicate', eventIds: ['q-fix'], record: { state: 'replayed' } });
    expect(srv.runtime.store.events.count()).toBe(events + 1);
    expect(await receivedToday()).toBe(before + 1);

    const audit = await admin.get('/api/v1/audit?action=quarantine.replayed');
    expect(audit.body.items.map((a: { outcome: string; details: { outcome: string } }) => [a.outcome, a.details.outcome])).toEqual([
      ['ok', 'duplicate'],
      ['ok', 'accepted'],
      ['failed', 'rejected'],
    ]);
    expect(audit.body.items[1]).toMatchObject({
      actor: `user:${admin.username}`,
      target: `quarantine:${id}`,
      details: {
        stateBefore: 'open',
        stateAfter: 'replayed',
        rawBefore: expect.stringContaining('"99999"'),
        rawAfter: expect.stringContaining('"26740"'),
      },
    });
  });

  it('replays a DVCQG record through the DVCQG adapter: the events its snapshot explains', async () => {
    const record = {
      MaHoSo: 'G-Q',
      MaTTHC: '1.001193',
      TenTTHC: 'Đăng ký khai sinh',
      TenLinhVuc: 'Hộ tịch',
      KenhThucHien: '2',
      NgayTiepNhan: '20261120081500',
      NgayHenTra: '20261125170000',
      TrangThaiHoSo: '42',
      DonViXuLy: 'UBND Phường Bến Thành',
    };
    const sent = await srv.post('/api/v1/ingest/dvcqg', { service: 'DongBoHoSoMC', isUpdating: false, data: [record] });
    expect(sent.body.rejected).toBe(1);
    const item = (await admin.get(`${Q}/records?rule=unknown_status`)).body.items[0];
    expect(item).toMatchObject({ kind: 'dvcqg', eventId: 'G-Q', raw: record });
    const res = await admin.post(`${Q}/records/${item.id}/replay`, { payload: { ...record, TrangThaiHoSo: '4' } });
    expect(res.body.outcome).toBe('accepted');
    expect(res.body.eventIds.length).toBeGreaterThan(0);
    expect(res.body.record.state).toBe('replayed');
  });

  it('dismisses an open record with a required note, audited; a dismissed record is neither dismissed nor replayed again', async () => {
    const id = await quarantine(receivedEvent({ id: 'q-dismiss', dossierId: 'Q-DIS', unit: '99999' }));
    const noNote = await admin.post(`${Q}/records/${id}/dismiss`, { note: '  ' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.message).toMatch(/^note: required/);
    const wrongToken = await admin.post(`${Q}/records/${id}/dismiss`, { note: 'Dữ liệu thử' }, { 'x-csrf-token': 'wrong' });
    expect(wrongToken.status).toBe(403);

    const res = await admin.post(`${Q}/records/${id}/dismiss`, { note: 'Dữ liệu thử nghiệm của nhà cung cấp' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'dismissed',
      note: 'Dữ liệu thử nghiệm của nhà cung cấp',
      reviewedBy: `user:${admin.username}`,
    });
    expect((await admin.post(`${Q}/records/${id}/dismiss`, { note: 'lần nữa' })).body.error.code).toBe('already_reviewed');
    expect((await admin.post(`${Q}/records/${id}/replay`, { payload: {} })).body.error.code).toBe('already_reviewed');

    const audit = await admin.get('/api/v1/audit?action=quarantine.dismissed');
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        target: `quarantine:${id}`,
        details: expect.objectContaining({
          stateBefore: 'open',
          stateAfter: 'dismissed',
          note: 'Dữ liệu thử nghiệm của nhà cung cấp',
          rule: 'unknown_code',
        }),
      }),
    ]);
  });
});
