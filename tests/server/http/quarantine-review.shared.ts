/**
 * The quarantine's review over the real HTTP server, one suite run on each engine (issue 17):
 * quarantine-review-sqlite.test.ts (the file's synchronous ingest path) and
 * quarantine-review-postgres.test.ts (the write store, access store and asynchronous ingest path on
 * PostgreSQL). Records are quarantined by the engine's own ingest path, then replayed or dismissed by
 * an admin; the log, the record and the audit log are read back from that engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteStore } from '../../../server/db/write-store/contract.js';
import { receivedEvent, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const Q = '/api/v1/admin/quality';

export interface ReviewHarness {
  server: TestServer;
  /** The key of a dossier source named `source`. */
  dossierKey: string;
  source: string;
  /** The engine's write store (the log and the quarantine the server writes); not closed by the suite. */
  write: WriteStore;
  close(): Promise<void>;
}

export function describeQuarantineReview(engine: string, start: () => Promise<ReviewHarness>): void {
  describe(`the quarantine's review on ${engine}`, () => {
    let h: ReviewHarness;
    let admin: RoleClient;
    let leader: RoleClient;

    beforeAll(async () => {
      h = await start();
      admin = await h.server.as('admin');
      leader = await h.server.as('city_leader');
    }, 120_000);
    afterAll(async () => {
      await h?.close();
    });

    /** Sends one event as the harness's source; answers its record's id in quarantine. */
    async function quarantine(event: Record<string, unknown>): Promise<number> {
      const res = await h.server.post('/api/v1/ingest/dossiers', { events: [event] }, h.dossierKey);
      expect(res.body.results[0].status).toBe('rejected');
      const page = await h.write.listQuarantine({ state: 'open', limit: 50, offset: 0 });
      return page.items.find((r) => r.eventId === event.id)!.id;
    }
    const receivedToday = async () => (await leader.get('/api/v1/units/26740?period=today')).body.metrics.received as number;
    const auditOf = async (action: string, id: number) =>
      ((await admin.get(`/api/v1/audit?action=${action}`)).body.items as { target: string; outcome: string; details: any }[]).filter(
        (a) => a.target === `quarantine:${id}`,
      );

    it('lists, counts and shows a record its ingest path quarantined', async () => {
      const id = await quarantine(receivedEvent({ id: 'rv-list', dossierId: 'RV-LIST', unit: '99999' }));
      const one = await admin.get(`${Q}/records/${id}`);
      expect(one.body).toMatchObject({
        id,
        source: h.source,
        kind: 'dossier',
        rule: 'unknown_code',
        state: 'open',
        raw: { unit: '99999' },
      });
      const list = await admin.get(`${Q}/records?state=open&source=${h.source}`);
      expect(list.body.items.map((r: { id: number }) => r.id)).toContain(id);
      const counts = await admin.get(`${Q}/counts?source=${h.source}`);
      expect(counts.body.bySourceRule).toContainEqual({ source: h.source, rule: 'unknown_code', total: 1, open: 1 });
      expect(counts.body.byDay.at(-1)).toEqual({ day: '2026-11-20', total: 1 });
      expect((await admin.get(`${Q}/records/${id + 1000}`)).status).toBe(404);
    });

    it('accepts a replayed record exactly once, even when two admins replay it at once, and audits both', async () => {
      const id = await quarantine(receivedEvent({ id: 'rv-fix', dossierId: 'RV-FIX', unit: '99999' }));
      const before = await receivedToday();
      const stillBad = await admin.post(`${Q}/records/${id}/replay`, {
        payload: receivedEvent({ id: 'rv-fix', dossierId: 'RV-FIX', unit: '88888' }),
      });
      expect([stillBad.body.outcome, stillBad.body.record.state]).toEqual(['rejected', 'open']);
      expect((await h.write.listQuarantine({ limit: 1, offset: 0, source: h.source })).total).toBe(2);

      const fixed = receivedEvent({ id: 'rv-fix', dossierId: 'RV-FIX', unit: '26740' });
      const other = await h.server.as('admin');
      const both = await Promise.all([admin, other].map((c) => c.post(`${Q}/records/${id}/replay`, { payload: fixed })));
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      expect(both.map((r) => r.body.outcome).sort()).toEqual(['accepted', 'duplicate']);
      expect(both.every((r) => r.body.eventIds[0] === 'rv-fix')).toBe(true);
      expect((await h.write.eventsOfItem('dossier', 'RV-FIX')).map((e) => e.eventId)).toEqual(['rv-fix']);
      const record = await h.write.quarantineRecord(id);
      expect(record).toMatchObject({ state: 'replayed', replayedEventIds: ['rv-fix'], replayedRaw: fixed });
      const winner = both.find((r) => r.body.outcome === 'accepted')!;
      expect(record!.reviewedBy).toBe(winner.body.record.reviewedBy);
      await expect.poll(receivedToday).toBe(before + 1);

      const again = await admin.post(`${Q}/records/${id}/replay`, { payload: fixed });
      expect(again.body).toMatchObject({ outcome: 'duplicate', record: { state: 'replayed' } });
      expect(await h.write.eventsOfItem('dossier', 'RV-FIX')).toHaveLength(1);
      const audit = await auditOf('quarantine.replayed', id);
      expect(audit.map((a) => [a.outcome, a.details.outcome])).toEqual([
        ['ok', 'duplicate'],
        ['ok', expect.any(String)],
        ['ok', expect.any(String)],
        ['failed', 'rejected'],
      ]);
      expect(
        audit
          .slice(1, 3)
          .map((a) => a.details.outcome)
          .sort(),
      ).toEqual(['accepted', 'duplicate']);
    });

    it('keeps a dismissed record for the record, with its note and an audit row; it is neither dismissed nor replayed again', async () => {
      const id = await quarantine(receivedEvent({ id: 'rv-dis', dossierId: 'RV-DIS', unit: '99999' }));
      const res = await admin.post(`${Q}/records/${id}/dismiss`, { note: 'Dữ liệu thử nghiệm' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'dismissed', note: 'Dữ liệu thử nghiệm', reviewedBy: `user:${admin.username}` });
      expect((await admin.post(`${Q}/records/${id}/dismiss`, { note: 'lần nữa' })).body.error.code).toBe('already_reviewed');
      expect((await admin.post(`${Q}/records/${id}/replay`, { payload: {} })).body.error.code).toBe('already_reviewed');
      expect(await h.write.quarantineRecord(id)).toMatchObject({ state: 'dismissed', raw: { id: 'rv-dis', unit: '99999' } });
      expect((await h.write.listQuarantine({ state: 'dismissed', limit: 50, offset: 0 })).items.map((r) => r.id)).toContain(id);
      expect(await h.write.eventsOfItem('dossier', 'RV-DIS')).toEqual([]);
      const audit = await auditOf('quarantine.dismissed', id);
      expect(audit).toEqual([
        expect.objectContaining({
          details: expect.objectContaining({ stateBefore: 'open', stateAfter: 'dismissed', note: 'Dữ liệu thử nghiệm' }),
        }),
      ]);
    });

    it('replays a DVCQG record through the engine’s DVCQG adapter', async () => {
      const record = {
        MaHoSo: 'RV-G',
        MaTTHC: '1.001193',
        TenTTHC: 'Đăng ký khai sinh',
        TenLinhVuc: 'Hộ tịch',
        KenhThucHien: '2',
        NgayTiepNhan: '20261120081500',
        NgayHenTra: '20261125170000',
        TrangThaiHoSo: '42',
        DonViXuLy: 'UBND Phường Bến Thành',
      };
      const sent = await h.server.post(
        '/api/v1/ingest/dvcqg',
        { service: 'DongBoHoSoMC', isUpdating: false, data: [record] },
        h.dossierKey,
      );
      expect(sent.body.rejected).toBe(1);
      const item = (await h.write.listQuarantine({ rule: 'unknown_status', limit: 5, offset: 0 })).items[0];
      expect(item).toMatchObject({ kind: 'dvcqg', eventId: 'RV-G', raw: record });
      const res = await admin.post(`${Q}/records/${item.id}/replay`, { payload: { ...record, TrangThaiHoSo: '4' } });
      expect(res.body.outcome).toBe('accepted');
      expect(res.body.record.state).toBe('replayed');
      expect((await h.write.eventsOfItem('dossier', 'RV-G')).map((e) => e.eventId)).toEqual(res.body.eventIds);
    });
  });
}
