import { describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { advanceDossier } from '../../../server/domain/fold.js';
import { mapDvcqgRecord, mapDvcqgSteps, type MappedEvent } from '../../../server/domain/dvcqg-map.js';
import { readDvcqgRecord, readStep, type DvcqgRecord } from '../../../server/domain/dvcqg-record.js';
import type { UnitMatch } from '../../../server/domain/dvcqg-units.js';
import { parseIsoWithOffset } from '../../../server/domain/time.js';
import { dossierEventSchema } from '../../../server/domain/wire-schemas.js';
import { DEFAULT_DOMAIN_SETTINGS, type DossierEvent, type DossierState } from '../../../server/domain/types.js';
import { DEFAULT_DATA_TRUST_SETTINGS } from '../../../server/domain/accountability-settings.js';
import { contentKey, dossierFlags } from '../../../server/domain/data-trust.js';
import type { FieldError } from '../../../shared/contract/errors.js';

const calendar = loadWorkCalendar();
const dctx = { calendar, settings: DEFAULT_DOMAIN_SETTINGS };
const ARRIVAL = vn('2026-11-27T10:00');

function vn(local: string): number {
  const t = parseIsoWithOffset(`${local}+07:00`);
  if (t === null) throw new Error(`bad test time ${local}`);
  return t;
}

/** Two units: a code is itself; "UBND Phường Bến Thành" is 26740 (the matcher has its own tests). */
const matchUnit = (v: string): UnitMatch =>
  v === '26740' || v === 'UBND Phường Bến Thành' ? { ok: true, code: '26740' } : { ok: false, message: `unknown "${v}"` };

/** A received dossier (Fri 20/11/2026 08:15, due Wed 25/11 17:00), online, as a loose system sends it. */
function raw(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MaHoSo: 'HS-1',
    MaTTHC: '1.001193',
    TenTTHC: 'Đăng ký khai sinh',
    MaLinhVuc: 'HT',
    TenLinhVuc: 'Hộ tịch',
    KenhThucHien: '2',
    NgayTiepNhan: '20261120081500',
    NgayHenTra: '20261125170000',
    TrangThaiHoSo: '2',
    DonViXuLy: '26740',
    NgayKetThucXuLy: '',
    NgayTra: '',
    ...over,
  };
}

function read(r: unknown): DvcqgRecord {
  const x = readDvcqgRecord(r, matchUnit, null);
  if (!x.ok) throw new Error(JSON.stringify(x.errors));
  return x.value;
}

function errorsOf(r: unknown): FieldError[] {
  const x = readDvcqgRecord(r, matchUnit, null);
  return x.ok ? [] : x.errors;
}

/** A dossier's log and state, advanced as the ingest path does (duplicate ids skipped). */
function dossier() {
  const log: DossierEvent[] = [];
  const ids = new Set<string>();
  let state: DossierState | null = null;
  return {
    get state() {
      return state;
    },
    /** Maps a snapshot onto the current state, applies what it adds, answers it. */
    sync(record: unknown): MappedEvent[] {
      const mapped = mapDvcqgRecord(read(record), state, { calendar, arrivalAt: ARRIVAL });
      this.apply(mapped);
      return mapped;
    },
    apply(mapped: MappedEvent[]): void {
      for (const m of mapped) {
        const e = dossierEventSchema.parse(m.event) as DossierEvent;
        if (ids.has(e.id)) continue;
        ids.add(e.id);
        log.push(e);
        state = advanceDossier(state, e, dctx, () => log.slice());
      }
    },
  };
}

const types = (m: MappedEvent[]) => m.map((x) => x.event.type);
const ats = (m: MappedEvent[]) => m.map((x) => x.event.at);

describe('mapDvcqgRecord: one snapshot of a new dossier', () => {
  it('maps a received dossier (status 2) to `received` with its unit, procedure, channel and due date', () => {
    const [m] = dossier().sync(raw());
    expect(m.event).toMatchObject({
      type: 'received',
      dossierId: 'HS-1',
      at: '2026-11-20T08:15:00.000+07:00',
      unit: '26740',
      channel: 'online',
      dueAt: '2026-11-25T17:00:00.000+07:00',
      // 7.25 h on Fri 20, 8 h on Mon 23, none on Tue 24 (a day off in 2026), 8 h on Wed 25: 2.9 days → 3.
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
    });
  });

  const dated = { NgayKetThucXuLy: '20261124100000', NgayTra: '20261125090000' };
  it.each([
    ['1', {}, [], []],
    ['2', {}, ['received'], ['2026-11-20T08:15:00.000+07:00']],
    ['3', { NgayTiepNhan: '', NgayHenTra: '', NgayTuChoi: '20261120090000' }, ['refused'], ['2026-11-20T09:00:00.000+07:00']],
    ['4', {}, ['received'], ['2026-11-20T08:15:00.000+07:00']],
    ['5', {}, ['received', 'supplement_requested'], ['2026-11-20T08:15:00.000+07:00', '2026-11-27T10:00:00.000+07:00']],
    ['6', {}, ['received'], ['2026-11-20T08:15:00.000+07:00']],
    ['7', {}, ['received', 'withdrawn'], ['2026-11-20T08:15:00.000+07:00', '2026-11-27T10:00:00.000+07:00']],
    ['8', dated, ['received', 'stopped'], ['2026-11-20T08:15:00.000+07:00', '2026-11-24T10:00:00.000+07:00']],
    ['9', dated, ['received', 'processed'], ['2026-11-20T08:15:00.000+07:00', '2026-11-24T10:00:00.000+07:00']],
    [
      '10',
      dated,
      ['received', 'processed', 'returned'],
      ['2026-11-20T08:15:00.000+07:00', '2026-11-24T10:00:00.000+07:00', '2026-11-25T09:00:00.000+07:00'],
    ],
  ])('status %s → the events that explain it, at their dates (arrival time where the record has none)', (status, over, want, when) => {
    const m = dossier().sync(raw({ TrangThaiHoSo: status, ...over }));
    expect(types(m)).toEqual(want);
    expect(ats(m)).toEqual(when);
  });

  it('ends a status 9 dossier on time by NgayKetThucXuLy, not by when the result was handed over', () => {
    const d = dossier();
    d.sync(raw({ TrangThaiHoSo: 9, NgayKetThucXuLy: '20261125160000', NgayTra: '20261126090000' }));
    expect(d.state).toMatchObject({ status: 'processed', endKind: 'processed', endAt: vn('2026-11-25T16:00') });
  });
});

describe('mapDvcqgRecord: loose input', () => {
  it('reads numbers sent as strings and as numbers alike (same events, same ids)', () => {
    const asText = dossier().sync(raw({ TrangThaiHoSo: '4', KenhThucHien: '2' }));
    const asNumbers = dossier().sync(raw({ TrangThaiHoSo: 4, KenhThucHien: 2, NgayTiepNhan: 20261120081500, NgayHenTra: 20261125170000 }));
    expect(asNumbers).toEqual(asText);
  });

  it('takes a missing KenhThucHien as in person, "" dates and empty lists as absent', () => {
    const m = dossier().sync(raw({ KenhThucHien: undefined, NgayTra: '', DanhSachHoSoBoSung: [], QuaTrinhXuLy: [], TaiLieuNop: [] }));
    expect(types(m)).toEqual(['received']);
    expect(m[0].event.channel).toBe('in_person');
    expect(m[0].event).not.toHaveProperty('reusedData');
  });

  it('resolves DonViXuLy given as the agency\u2019s name', () => {
    expect(dossier().sync(raw({ DonViXuLy: 'UBND Phường Bến Thành' }))[0].event.unit).toBe('26740');
  });

  it('uses the query\u2019s MaDinhDanhDV for a record without DonViXuLy', () => {
    const r = readDvcqgRecord(raw({ DonViXuLy: '' }), matchUnit, '26740');
    expect(r.ok && r.value.unit).toBe('26740');
  });
});

describe('readDvcqgRecord: what it refuses, naming the DVCQG field', () => {
  it.each([
    ['an unknown status code', { TrangThaiHoSo: '11' }, 'TrangThaiHoSo'],
    ['a status that is not a number', { TrangThaiHoSo: 'xong' }, 'TrangThaiHoSo'],
    ['an unknown unit', { DonViXuLy: 'Phường Không Có' }, 'DonViXuLy'],
    ['an impossible date (month 13)', { NgayHenTra: '20261332170000' }, 'NgayHenTra'],
    ['a due date before the receipt', { NgayHenTra: '20261119170000' }, 'NgayHenTra'],
    ['a date in another format', { NgayTiepNhan: '2026-11-20 08:15' }, 'NgayTiepNhan'],
    ['status 9 without its end of processing', { TrangThaiHoSo: 9 }, 'NgayKetThucXuLy'],
    ['status 10 without NgayTra', { TrangThaiHoSo: 10, NgayKetThucXuLy: '20261124100000' }, 'NgayTra'],
    ['an unknown channel', { KenhThucHien: '7' }, 'KenhThucHien'],
    ['a step before the receipt', { QuaTrinhXuLy: [{ NguoiXuLy: 'A', ThoiDiemXuLy: '20261119080000' }] }, 'QuaTrinhXuLy[0].ThoiDiemXuLy'],
  ])('%s', (_what, over, field) => {
    expect(errorsOf(raw(over)).map((e) => e.path)).toContain(field);
  });

  it('lists every error of a record at once', () => {
    const paths = errorsOf(raw({ TrangThaiHoSo: '0', DonViXuLy: 'x', NgayHenTra: '2026' })).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['TrangThaiHoSo', 'DonViXuLy', 'NgayHenTra']));
  });
});

describe('mapDvcqgRecord: a snapshot after others', () => {
  it('adds nothing when the same snapshot is sent again', () => {
    const d = dossier();
    const r = raw({ TrangThaiHoSo: 10, NgayKetThucXuLy: '20261124100000', NgayTra: '20261125090000' });
    d.sync(r);
    expect(d.sync(r)).toEqual([]);
  });

  it('adds exactly the events that explain a newer status', () => {
    const d = dossier();
    d.sync(raw({ TrangThaiHoSo: 4 }));
    expect(types(d.sync(raw({ TrangThaiHoSo: 9, NgayKetThucXuLy: '20261124100000' })))).toEqual(['processed']);
    expect(types(d.sync(raw({ TrangThaiHoSo: 10, NgayKetThucXuLy: '20261124100000', NgayTra: '20261125090000' })))).toEqual(['returned']);
  });

  it('changes nothing with an older snapshot arriving after a newer one', () => {
    const d = dossier();
    d.sync(raw({ TrangThaiHoSo: 10, NgayKetThucXuLy: '20261124100000', NgayTra: '20261125090000' }));
    const before = d.state;
    expect(d.sync(raw({ TrangThaiHoSo: 4 }))).toEqual([]);
    expect(d.sync(raw({ TrangThaiHoSo: 9, NgayKetThucXuLy: '20261124100000' }))).toEqual([]);
    expect(d.state).toBe(before);
  });

  it('changes nothing with a snapshot listing fewer supplement requests than known', () => {
    const d = dossier();
    const one = { NgayBoSung: '20261120100000', NgayTiepNhanBoSung: '20261123090000' };
    const two = { NgayBoSung: '20261123140000' };
    d.sync(raw({ TrangThaiHoSo: 5, DanhSachHoSoBoSung: [one, two] }));
    expect(d.sync(raw({ TrangThaiHoSo: 5, DanhSachHoSoBoSung: [{ NgayBoSung: '20261120100000' }] }))).toEqual([]);
  });

  it('corrects the receipt when its facts change (a new id, so not taken for a conflict)', () => {
    const d = dossier();
    const [first] = d.sync(raw());
    const [fix] = d.sync(raw({ NgayHenTra: '20261126170000' }));
    expect(fix.event.type).toBe('received');
    expect(fix.event.id).not.toBe(first.event.id);
    expect(d.state?.dueAt).toBe(vn('2026-11-26T17:00'));
  });

  it('derives each event id from its content: the same snapshot on the same state gives the same ids', () => {
    const a = mapDvcqgRecord(read(raw({ TrangThaiHoSo: 9, NgayKetThucXuLy: '20261124100000' })), null, { calendar, arrivalAt: ARRIVAL });
    const b = mapDvcqgRecord(read(raw({ TrangThaiHoSo: 9, NgayKetThucXuLy: '20261124100000' })), null, {
      calendar,
      arrivalAt: ARRIVAL + 1,
    });
    expect(b.map((m) => m.event.id)).toEqual(a.map((m) => m.event.id));
    expect(a[1].event.id).toMatch(/^dvcqg:HS-1:processed:[0-9a-f]{16}$/);
  });
});

describe('mapDvcqgRecord: supplements (DanhSachHoSoBoSung)', () => {
  it('requests at NgayBoSung, and on return restarts the due date at NgayHenTraMoi', () => {
    const d = dossier();
    const asked = { NgayBoSung: '20261123100000' };
    expect(types(d.sync(raw({ TrangThaiHoSo: 5, DanhSachHoSoBoSung: [asked] })))).toEqual(['received', 'supplement_requested']);
    expect(d.state).toMatchObject({ status: 'supplement_requested', supplementRequests: 1 });
    const back = { ...asked, NgayTiepNhanBoSung: '20261126090000', NgayHenTraMoi: '20261201170000' };
    const m = d.sync(raw({ TrangThaiHoSo: 4, NgayHenTra: '20261201170000', DanhSachHoSoBoSung: [back] }));
    expect(types(m)).toEqual(['supplement_received']);
    expect(m[0].event.dueAt).toBe('2026-12-01T17:00:00.000+07:00');
    expect(d.state).toMatchObject({ status: 'processing', dueAt: vn('2026-12-01T17:00'), originalDueAt: vn('2026-11-25T17:00') });
    expect(d.sync(raw({ TrangThaiHoSo: 4, NgayHenTra: '20261201170000', DanhSachHoSoBoSung: [back] }))).toEqual([]);
  });

  it('without a list, status 4 after 5 means the supplement came back by the snapshot\u2019s arrival', () => {
    const d = dossier();
    d.sync(raw({ TrangThaiHoSo: 5 }));
    expect(types(d.sync(raw({ TrangThaiHoSo: 4 })))).toEqual(['supplement_received']);
    expect(d.state?.status).toBe('processing');
  });
});

describe('progress steps (QuaTrinhXuLy, CapNhatTienDoHoSoMC)', () => {
  const steps = [
    { NguoiXuLy: 'Nguyễn Thị Lan', ChucDanh: 'Công chức', ThoiDiemXuLy: '20261120083000', NgayKetThucTheoQuyDinh: '20261123170000' },
    { NguoiXuLy: 'Trần Văn Bình', ThoiDiemXuLy: '20261123090000', PhongBanXuLy: 'Văn phòng', TrangThai: '1' },
  ];

  it('maps each step to `assigned` with its handler, unit and allotted end, once', () => {
    const d = dossier();
    const m = d.sync(raw({ TrangThaiHoSo: 4, QuaTrinhXuLy: steps }));
    expect(types(m)).toEqual(['received', 'assigned', 'assigned']);
    expect(m[1].event).toMatchObject({
      handler: { name: 'Nguyễn Thị Lan', unit: '26740', id: 'dvcqg:26740:nguyen-thi-lan' },
      stepDueAt: '2026-11-23T17:00:00.000+07:00',
    });
    expect(d.state?.holds.map((h) => h.handlerName)).toEqual(['Nguyễn Thị Lan', 'Trần Văn Bình']);
    expect(d.sync(raw({ TrangThaiHoSo: 4, QuaTrinhXuLy: steps }))).toEqual([]);
  });

  it('maps a separate progress step onto the known dossier, and a repeat to nothing', () => {
    const d = dossier();
    d.sync(raw({ TrangThaiHoSo: 4 }));
    const errors: FieldError[] = [];
    const step = readStep({ MaHoSo: 'HS-1', ...steps[1] }, '', errors)!;
    expect(errors).toEqual([]);
    const m = mapDvcqgSteps('HS-1', [step], d.state!, '');
    expect(m.map((x) => [x.event.type, x.field])).toEqual([['assigned', 'ThoiDiemXuLy']]);
    d.apply(m);
    expect(mapDvcqgSteps('HS-1', [step], d.state!, '')).toEqual([]);
  });
});

describe('index fields', () => {
  it('reads payment, fees, digitisation, reuse and the electronic result into the receipt', () => {
    const m = dossier().sync(
      raw({
        TrangThaiHoSo: 10,
        NgayKetThucXuLy: '20261124100000',
        NgayTra: '20261125090000',
        DuocThanhToanTrucTuyen: '2',
        DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: '50000' }, { Gia: 10000 }],
        TaiLieuNop: [{ DuocSoHoa: '1', DuocLayTuKhoDMQG: '0' }],
        TaiKhoanDuocXacThucVoiVNeID: 1,
        DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh' }],
      }),
    );
    expect(m[0].event).toMatchObject({
      paidOnline: true,
      fee: 60000,
      digitized: true,
      reusedData: false,
      citizenDataConnected: true,
      electronicResult: true,
    });
  });

  it('takes an empty fee list as no fee, and a changed payment as a corrected receipt', () => {
    const d = dossier();
    d.sync(raw({ DanhSachLePhi: [{ Gia: 20000 }], DuocThanhToanTrucTuyen: 0 }));
    expect(d.state?.index).toMatchObject({ hasFee: true, paidOnline: false });
    expect(types(d.sync(raw({ DanhSachLePhi: [{ Gia: 20000 }], DuocThanhToanTrucTuyen: 1 })))).toEqual(['received']);
    expect(d.state?.index?.paidOnline).toBe(true);
    expect(dossier().sync(raw({ DanhSachLePhi: [] }))[0].event.fee).toBe(0);
  });
});

describe('mapDvcqgRecord: the legal time of a synced dossier', () => {
  // Received Fri 20/11 08:15 and due Wed 2/12 17:00: 8 working days later; the catalogue gives the procedure 3.
  const late = raw({ NgayHenTra: '20261202170000' });
  const catalogue = new Map([['1.001193', 3]]);

  /** The received event's legal time, and the data-trust rules the folded dossier raises. */
  function synced(legalDaysOf?: (code: string) => number | undefined) {
    const [m] = mapDvcqgRecord(read(late), null, { calendar, arrivalAt: ARRIVAL, legalDaysOf });
    const e = dossierEventSchema.parse(m.event) as DossierEvent;
    const state = advanceDossier(null, e, dctx, () => [e]);
    const trust = [{ seq: 1, sourceId: 1, eventId: e.id, type: e.type, at: e.at, arrivedAt: e.at + 1000, contentKey: contentKey(e) }];
    const flags = dossierFlags(state, trust, { calendar, settings: DEFAULT_DATA_TRUST_SETTINGS, historyUntil: -Infinity });
    return { legalDays: (m.event.procedure as { legalDays: number }).legalDays, rules: flags.map((f) => f.rule) };
  }

  it("takes the catalogue's legal time, so a due date beyond it is flagged like a native dossier's", () => {
    expect(synced((code) => catalogue.get(code))).toEqual({ legalDays: 3, rules: ['due_beyond_legal'] });
  });

  it('derives it from NgayHenTra for a procedure the catalogue does not know (which then cannot be flagged)', () => {
    expect(synced((code) => (code === '9.999999' ? 3 : undefined))).toEqual({ legalDays: 8, rules: [] });
    expect(synced()).toEqual({ legalDays: 8, rules: [] });
  });
});
