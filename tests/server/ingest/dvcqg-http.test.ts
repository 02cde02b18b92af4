import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { generateSourceKey, hashSourceKey } from '../../../server/ingest/keys.js';

const DVCQG = '/api/v1/ingest/dvcqg';

/** A dossier of Phường Bến Thành (26743) received Fri 20/11/2026 08:15, due Wed 25/11 17:00 (the test clock: 09:00). */
function record(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MaHoSo: 'G-1',
    MaTTHC: '1.001193',
    TenTTHC: 'Đăng ký khai sinh',
    MaLinhVuc: 'HT',
    TenLinhVuc: 'Hộ tịch',
    KenhThucHien: '2',
    NgayTiepNhan: '20261120081500',
    NgayHenTra: '20261125170000',
    TrangThaiHoSo: '4',
    DonViXuLy: 'UBND Phường Bến Thành',
    NgayKetThucXuLy: '',
    NgayTra: '',
    DanhSachHoSoBoSung: [],
    QuaTrinhXuLy: [{ NguoiXuLy: 'Nguyễn Thị Lan', ChucDanh: 'Công chức', ThoiDiemXuLy: '20261120083000' }],
    ...over,
  };
}

const processed = record({ MaHoSo: 'G-2', TrangThaiHoSo: 9, NgayKetThucXuLy: '20261120085500', QuaTrinhXuLy: [] });

describe('POST /api/v1/ingest/dvcqg', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer();
  });
  afterEach(async () => {
    await srv.close();
  });

  async function listed(status: string) {
    const leader = await srv.as('city_leader');
    const res = await leader.get(`/api/v1/units/26743/dossiers?status=${status}`);
    return res.body.items as { id: string; timeliness: string; holderName: string | null; channel: string }[];
  }

  it('takes the DongBoHoSoMC wrapper; the dossiers then show in their unit\u2019s list with the right status', async () => {
    const res = await srv.post(DVCQG, { service: 'DongBoHoSoMC', isUpdating: false, data: [record(), processed] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ service: 'DongBoHoSoMC', accepted: 2, unchanged: 0, rejected: 0, events: 4 });
    expect(res.body.results[0].events.map((e: any) => [e.type, e.status])).toEqual([
      ['received', 'accepted'],
      ['assigned', 'accepted'],
    ]);
    expect(await listed('in_progress')).toEqual([
      expect.objectContaining({ id: 'G-1', holderName: 'Nguyễn Thị Lan', channel: 'online', timeliness: 'in_term' }),
    ]);
    expect(await listed('done')).toEqual([expect.objectContaining({ id: 'G-2', timeliness: 'early' })]);
  });

  it('adds nothing when the same batch is sent again', async () => {
    const body = { service: 'DongBoHoSoMC', isUpdating: true, data: [record(), processed] };
    await srv.post(DVCQG, body);
    const logged = srv.runtime.store.events.count();
    const again = await srv.post(DVCQG, body);
    expect(again.body).toMatchObject({ accepted: 0, unchanged: 2, rejected: 0, events: 0 });
    expect(srv.runtime.store.events.count()).toBe(logged);
  });

  it('takes a bare array with isUpdating and the unit\u2019s MaDinhDanhDV in the query string', async () => {
    const res = await srv.post(`${DVCQG}?isUpdating=false&MaDinhDanhDV=26743`, [record({ DonViXuLy: undefined })]);
    expect(res.body).toMatchObject({ accepted: 1, rejected: 0 });
    expect((await listed('in_progress')).map((d) => d.id)).toEqual(['G-1']);
  });

  it('takes CapNhatTienDoHoSoMC progress steps for a known dossier, and refuses one for an unknown dossier', async () => {
    await srv.post(DVCQG, { service: 'DongBoHoSoMC', isUpdating: false, data: [record()] });
    const step = { MaHoSo: 'G-1', NguoiXuLy: 'Trần Văn Bình', ChucDanh: 'Phó Chủ tịch', ThoiDiemXuLy: '20261120084500', TrangThai: '2' };
    const res = await srv.post(DVCQG, { service: 'CapNhatTienDoHoSoMC', data: [step, { ...step, MaHoSo: 'G-404' }] });
    expect(res.body.results.map((r: any) => r.status)).toEqual(['accepted', 'rejected']);
    expect(res.body.results[1].errors).toEqual([{ path: 'MaHoSo', message: expect.stringContaining('unknown dossier "G-404"') }]);
    const detail = await (await srv.as('city_leader')).get('/api/v1/dossiers/G-1');
    expect(detail.body.holds.map((h: any) => h.handlerName)).toEqual(['Nguyễn Thị Lan', 'Trần Văn Bình']);
  });

  it('rejects a record naming the DVCQG field, quarantines it raw, and accepts the rest of the batch', async () => {
    const bad = record({ MaHoSo: 'G-3', TrangThaiHoSo: '12', DonViXuLy: 'UBND Phường Không Có', NgayHenTra: '20261131170000' });
    const res = await srv.post(DVCQG, { service: 'DongBoHoSoMC', isUpdating: false, data: [bad, record()] });
    expect(res.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(res.body.results[0].errors.map((e: any) => e.path).sort()).toEqual(['DonViXuLy', 'NgayHenTra', 'TrangThaiHoSo']);
    const q = srv.runtime.store.quarantine.page({ limit: 10, offset: 0 });
    expect(q.total).toBe(1);
    expect(q.items[0]).toMatchObject({ kind: 'dvcqg', eventId: 'G-3', raw: bad });
    expect(q.items[0].errors.map((e) => e.path)).toContain('TrangThaiHoSo');
  });

  it('refuses, through the native unit limit, a record of another unit from a unit-limited source, naming DonViXuLy', async () => {
    const key = generateSourceKey();
    srv.runtime.store.sources.create('ward-26740', 'dossier', hashSourceKey(key), Date.now(), ['26740']);
    const res = await srv.post(DVCQG, { service: 'DongBoHoSoMC', isUpdating: false, data: [record()] }, key);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', errors: [expect.objectContaining({ path: 'DonViXuLy' })] });
    expect(res.body.results[0].errors[0].message).toContain('outside this source');
    const kinds = srv.runtime.store.quarantine.page({ source: 'ward-26740', limit: 10, offset: 0 }).items.map((q) => q.kind);
    // Refused whole: no event of it is logged (its steps name no unit, the native limit alone would let them in).
    expect(kinds).toEqual(['dvcqg']);
    expect(res.body.results[0].events).toEqual([]);
    expect(srv.runtime.store.events.count()).toBe(0);
  });

  it('refuses a record dating what happened after the server\u2019s clock, naming the field, and logs none of it', async () => {
    const res = await srv.post(DVCQG, [record({ TrangThaiHoSo: 9, NgayKetThucXuLy: '20261121100000' })]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', errors: [expect.objectContaining({ path: 'NgayKetThucXuLy' })] });
    expect(srv.runtime.store.events.count()).toBe(0);
  });

  it('moves a dossier on with a newer snapshot and ignores an older one sent after it', async () => {
    await srv.post(DVCQG, { service: 'DongBoHoSoMC', isUpdating: false, data: [record()] });
    const done = record({ TrangThaiHoSo: '10', NgayKetThucXuLy: '20261120085000', NgayTra: '20261120085800' });
    const newer = await srv.post(DVCQG, { service: 'DongBoHoSoMC', isUpdating: true, data: [done] });
    expect(newer.body.results[0].events.map((e: any) => e.type)).toEqual(['processed', 'returned']);
    const older = await srv.post(DVCQG, { service: 'DongBoHoSoMC', isUpdating: true, data: [record()] });
    expect(older.body.results[0]).toMatchObject({ status: 'unchanged', events: [] });
    expect((await listed('done')).map((d) => d.id)).toEqual(['G-1']);
  });

  it('maps two snapshots of one dossier in one batch in order', async () => {
    const res = await srv.post(DVCQG, {
      service: 'DongBoHoSoMC',
      isUpdating: false,
      data: [record(), record({ TrangThaiHoSo: 9, NgayKetThucXuLy: '20261120085000' })],
    });
    expect(res.body.results.map((r: any) => r.events.map((e: any) => e.type))).toEqual([['received', 'assigned'], ['processed']]);
  });

  it('needs a dossier source\u2019s key and a body in one of the DVCQG shapes', async () => {
    expect((await srv.post(DVCQG, [record()], null)).status).toBe(401);
    expect((await srv.post(DVCQG, [record()], srv.taskKey)).status).toBe(403);
    const wrong = await srv.post(DVCQG, { service: 'LayHoSo', data: [] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('unknown service "LayHoSo"');
    expect((await srv.post(DVCQG, { records: [] })).status).toBe(400);
    expect((await srv.post(`${DVCQG}?isUpdating=maybe`, [])).status).toBe(400);
  });
});
