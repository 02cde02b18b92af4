/**
 * One DVCQG sync record (DongBoHoSoMC) or progress step (CapNhatTienDoHoSoMC), as one-stop systems
 * really send them, read into plain typed values: numbers and codes as numbers or strings, "" or null
 * for an absent date or value, a missing KenhThucHien meaning in person, DonViXuLy as a code or an
 * agency name. Every problem is reported with the DVCQG field's name, all at once. Pure.
 */
import type { FieldError } from '../../shared/contract/errors.js';
import { parseDvcqgDate, toVnIso } from './time.js';
import type { Channel, IndexFieldsInput } from './types.js';
import type { UnitMatch } from './dvcqg-units.js';

/** TrangThaiHoSo codes (DOMAIN.md): 1 registered … 10 result returned. */
export const DVCQG_STATUS_MIN = 1;
export const DVCQG_STATUS_MAX = 10;
const ID_MAX = 150;
/** How far past the server's clock a record may date what happened (the native ingest's skew, 5 minutes). */
export const DVCQG_FUTURE_SKEW_MS = 5 * 60_000;
const TEXT_MAX = 500;

export interface DvcqgSupplement {
  /** Its position in DanhSachHoSoBoSung as sent (the list is kept in request order), for error paths. */
  index: number;
  /** NgayBoSung: when the supplement was requested. */
  requestedAt: number;
  /** NgayTiepNhanBoSung: when the citizen brought it back (null: still awaited). */
  receivedAt: number | null;
  /** NgayHenTraMoi: the new due date set on its return (null: none, the paused time extends it). */
  newDueAt: number | null;
}

export interface DvcqgStep {
  handlerName: string;
  /** ChucDanh, PhongBanXuLy, NoiDungXuLy, TrangThai as sent (null: absent). */
  title: string | null;
  department: string | null;
  content: string | null;
  stepStatus: string | null;
  /** NgayBatDau, else ThoiDiemXuLy: when the official took the step. */
  at: number;
  /** NgayKetThucTheoQuyDinh: the step's allotted end (null: none sent). */
  dueAt: number | null;
}

export interface DvcqgRecord {
  dossierId: string;
  status: number;
  unit: string;
  procedure: { code: string; name: string; field: string } | null;
  channel: Channel;
  receivedAt: number | null;
  dueAt: number | null;
  processedAt: number | null;
  returnedAt: number | null;
  refusedAt: number | null;
  /** DanhSachHoSoBoSung in request order; null when absent or empty (nothing known). */
  supplements: DvcqgSupplement[] | null;
  steps: DvcqgStep[];
  index: IndexFieldsInput;
}

export type Read<T> = { ok: true; value: T } | { ok: false; id: string | null; errors: FieldError[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A string field (numbers accepted as their text); null when absent or blank. */
function text(o: Obj, f: string, path: string, errors: FieldError[], max = TEXT_MAX): string | null {
  const v = o[f];
  if (blank(v)) return null;
  if (typeof v !== 'string' && typeof v !== 'number') {
    errors.push({ path, message: 'must be text' });
    return null;
  }
  const s = String(v).trim();
  if (s.length > max) errors.push({ path, message: `is longer than ${max} characters` });
  return s;
}

/** A whole number sent as a number or a numeric string; null when absent or blank, NaN when not a number. */
function int(v: unknown): number | null {
  if (blank(v)) return null;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return NaN;
}

/** A DVCQG date yyyyMMddHHmmss (Vietnam time), as a string or a number; null when absent or "". */
function date(o: Obj, f: string, path: string, errors: FieldError[]): number | null {
  const v = o[f];
  if (blank(v)) return null;
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : null;
  const t = s === null ? null : parseDvcqgDate(s);
  if (t === null) errors.push({ path, message: `"${String(v).slice(0, 40)}" is not a date yyyyMMddHHmmss (Vietnam time) that exists` });
  return t;
}

/** A 0/1 flag (number, numeric string or boolean); null when absent. */
function flag(o: Obj, f: string, path: string, errors: FieldError[]): boolean | null {
  const v = o[f];
  if (typeof v === 'boolean') return v;
  const n = int(v);
  if (n === null) return null;
  if (n !== 0 && n !== 1) {
    errors.push({ path, message: 'must be 0 or 1' });
    return null;
  }
  return n === 1;
}

const CHANNELS: Record<number, Channel> = { 1: 'in_person', 2: 'online', 3: 'postal' };

/**
 * Reads a DongBoHoSoMC record. `defaultUnit`: the query's MaDinhDanhDV, for records without DonViXuLy;
 * `now`: the server's clock, past which (plus DVCQG_FUTURE_SKEW_MS) nothing can have happened yet.
 */
export function readDvcqgRecord(
  raw: unknown,
  matchUnit: (v: string) => UnitMatch,
  defaultUnit: string | null,
  now = Number.POSITIVE_INFINITY,
): Read<DvcqgRecord> {
  if (!isObj(raw)) return { ok: false, id: null, errors: [{ path: '', message: 'a record must be a JSON object' }] };
  const errors: FieldError[] = [];
  const dossierId = text(raw, 'MaHoSo', 'MaHoSo', errors, ID_MAX);
  if (dossierId === null) errors.push({ path: 'MaHoSo', message: 'is required' });

  const status = int(raw.TrangThaiHoSo);
  if (status === null) errors.push({ path: 'TrangThaiHoSo', message: 'is required (1–10)' });
  else if (!(status >= DVCQG_STATUS_MIN && status <= DVCQG_STATUS_MAX))
    errors.push({ path: 'TrangThaiHoSo', message: `unknown status code "${String(raw.TrangThaiHoSo).slice(0, 20)}": expected 1–10` });

  const unit = readUnit(raw, matchUnit, defaultUnit, errors);
  const channelCode = int(raw.KenhThucHien);
  const channel = channelCode === null ? 'in_person' : CHANNELS[channelCode];
  if (!channel) errors.push({ path: 'KenhThucHien', message: 'must be 1 (in person), 2 (online) or 3 (postal)' });

  const receivedAt = date(raw, 'NgayTiepNhan', 'NgayTiepNhan', errors);
  const dueAt = date(raw, 'NgayHenTra', 'NgayHenTra', errors);
  const processedAt = date(raw, 'NgayKetThucXuLy', 'NgayKetThucXuLy', errors);
  const returnedAt = date(raw, 'NgayTra', 'NgayTra', errors);
  const refusedAt = date(raw, 'NgayTuChoi', 'NgayTuChoi', errors);
  const received = status !== null && status >= 2 && status !== 3;
  if (received) requireReceipt(receivedAt, dueAt, errors);
  if (receivedAt !== null && dueAt !== null && dueAt < receivedAt)
    errors.push({ path: 'NgayHenTra', message: 'the due date is before the receipt NgayTiepNhan' });
  if (receivedAt !== null && processedAt !== null && processedAt < receivedAt)
    errors.push({ path: 'NgayKetThucXuLy', message: 'the end of processing is before the receipt NgayTiepNhan' });
  if (status === 9 && processedAt === null && !errors.some((e) => e.path === 'NgayKetThucXuLy'))
    errors.push({ path: 'NgayKetThucXuLy', message: 'is required with TrangThaiHoSo 9 (processed): it is the end of processing' });
  if (status === 10 && returnedAt === null && !errors.some((e) => e.path === 'NgayTra'))
    errors.push({ path: 'NgayTra', message: 'is required with TrangThaiHoSo 10 (result returned)' });

  const procedure = received || receivedAt !== null ? readProcedure(raw, errors) : null;
  const supplements = readSupplements(raw.DanhSachHoSoBoSung, errors);
  const steps = readSteps(raw.QuaTrinhXuLy, 'QuaTrinhXuLy', errors, now);
  const index = readIndexFields(raw, status, errors);
  if (receivedAt !== null) beforeReceipt(receivedAt, supplements, steps, errors);
  const happened: [string, number | null][] = [
    ['NgayTiepNhan', receivedAt],
    ['NgayKetThucXuLy', processedAt],
    ['NgayTra', returnedAt],
    ['NgayTuChoi', refusedAt],
    ...(supplements ?? []).flatMap((x): [string, number | null][] => [
      [`DanhSachHoSoBoSung[${x.index}].NgayBoSung`, x.requestedAt],
      [`DanhSachHoSoBoSung[${x.index}].NgayTiepNhanBoSung`, x.receivedAt],
    ]),
  ];
  for (const [path, t] of happened) notFuture(t, path, now, errors);
  if (errors.length) return { ok: false, id: dossierId, errors };
  return {
    ok: true,
    value: {
      dossierId: dossierId!,
      status: status!,
      unit: unit!,
      procedure,
      channel: channel!,
      receivedAt,
      dueAt,
      processedAt,
      returnedAt,
      refusedAt,
      supplements,
      steps,
      index,
    },
  };
}

function readUnit(raw: Obj, matchUnit: (v: string) => UnitMatch, defaultUnit: string | null, errors: FieldError[]): string | null {
  const sent = text(raw, 'DonViXuLy', 'DonViXuLy', errors) ?? defaultUnit;
  if (sent === null) {
    errors.push({ path: 'DonViXuLy', message: 'is required (the unit\u2019s code or name; or MaDinhDanhDV in the query string)' });
    return null;
  }
  const m = matchUnit(sent);
  if (!m.ok) errors.push({ path: 'DonViXuLy', message: m.message });
  return m.ok ? m.code : null;
}

function requireReceipt(receivedAt: number | null, dueAt: number | null, errors: FieldError[]): void {
  const has = (f: string) => errors.some((e) => e.path === f);
  if (receivedAt === null && !has('NgayTiepNhan'))
    errors.push({ path: 'NgayTiepNhan', message: 'is required once the dossier is received (TrangThaiHoSo 2, 4–10)' });
  if (dueAt === null && !has('NgayHenTra')) errors.push({ path: 'NgayHenTra', message: 'is required once the dossier is received' });
}

function readProcedure(raw: Obj, errors: FieldError[]): DvcqgRecord['procedure'] {
  const code = text(raw, 'MaTTHC', 'MaTTHC', errors, 40);
  if (code === null) errors.push({ path: 'MaTTHC', message: 'is required (the procedure\u2019s code)' });
  const name = text(raw, 'TenTTHC', 'TenTTHC', errors) ?? code;
  const field = text(raw, 'TenLinhVuc', 'TenLinhVuc', errors, 200) ?? text(raw, 'MaLinhVuc', 'MaLinhVuc', errors, 200);
  if (field === null) errors.push({ path: 'TenLinhVuc', message: 'is required (or MaLinhVuc): the procedure\u2019s field' });
  return code !== null && name !== null && field !== null ? { code, name, field } : null;
}

/** An optional list: absent, null or "" is an empty list; anything else but an array is an error. */
function list(v: unknown, path: string, errors: FieldError[]): unknown[] {
  if (blank(v)) return [];
  if (Array.isArray(v)) return v;
  errors.push({ path, message: 'must be a list' });
  return [];
}

function readSupplements(v: unknown, errors: FieldError[]): DvcqgSupplement[] | null {
  const items = list(v, 'DanhSachHoSoBoSung', errors);
  const out: DvcqgSupplement[] = [];
  items.forEach((item, i) => {
    const p = `DanhSachHoSoBoSung[${i}]`;
    if (!isObj(item)) return void errors.push({ path: p, message: 'must be an object' });
    const requestedAt = date(item, 'NgayBoSung', `${p}.NgayBoSung`, errors);
    if (requestedAt === null && !errors.some((e) => e.path === `${p}.NgayBoSung`))
      errors.push({ path: `${p}.NgayBoSung`, message: 'is required: when the supplement was requested' });
    const receivedAt = date(item, 'NgayTiepNhanBoSung', `${p}.NgayTiepNhanBoSung`, errors);
    const newDueAt = date(item, 'NgayHenTraMoi', `${p}.NgayHenTraMoi`, errors);
    if (requestedAt !== null && receivedAt !== null && receivedAt < requestedAt)
      errors.push({ path: `${p}.NgayTiepNhanBoSung`, message: 'is before the request NgayBoSung' });
    if (requestedAt !== null) out.push({ index: i, requestedAt, receivedAt, newDueAt });
  });
  out.sort((a, b) => a.requestedAt - b.requestedAt);
  return out.length ? out : null;
}

/** An instant that has happened cannot be after the server's clock (beyond the allowed skew). */
function notFuture(t: number | null, path: string, now: number, errors: FieldError[]): void {
  if (t !== null && t > now + DVCQG_FUTURE_SKEW_MS) {
    errors.push({ path, message: `${toVnIso(t)} is more than 5 minutes after the server's clock (${toVnIso(now)})` });
  }
}

/** QuaTrinhXuLy steps (or the data of a CapNhatTienDoHoSoMC message), `path` naming the list. */
export function readSteps(v: unknown, path: string, errors: FieldError[], now = Number.POSITIVE_INFINITY): DvcqgStep[] {
  return list(v, path, errors).flatMap((item, i) => {
    const s = readStep(item, `${path}[${i}]`, errors, now);
    return s ? [s] : [];
  });
}

const join = (p: string, f: string) => (p ? `${p}.${f}` : f);

/** One progress step; null (with errors) when unusable. `p`: its path ("" for a CapNhatTienDoHoSoMC item). */
export function readStep(item: unknown, p: string, errors: FieldError[], now = Number.POSITIVE_INFINITY): DvcqgStep | null {
  if (!isObj(item)) {
    errors.push({ path: p, message: 'must be an object' });
    return null;
  }
  const handlerName = text(item, 'NguoiXuLy', join(p, 'NguoiXuLy'), errors, 200);
  if (handlerName === null) errors.push({ path: join(p, 'NguoiXuLy'), message: 'is required: who handled the step' });
  const started = date(item, 'NgayBatDau', join(p, 'NgayBatDau'), errors);
  const handled = date(item, 'ThoiDiemXuLy', join(p, 'ThoiDiemXuLy'), errors);
  const at = started ?? handled;
  notFuture(at, join(p, started !== null ? 'NgayBatDau' : 'ThoiDiemXuLy'), now, errors);
  if (at === null && !errors.some((e) => e.path === join(p, 'NgayBatDau') || e.path === join(p, 'ThoiDiemXuLy')))
    errors.push({ path: join(p, 'ThoiDiemXuLy'), message: 'is required (or NgayBatDau): when the step was taken' });
  const dueAt = date(item, 'NgayKetThucTheoQuyDinh', join(p, 'NgayKetThucTheoQuyDinh'), errors);
  if (at !== null && dueAt !== null && dueAt < at)
    errors.push({ path: join(p, 'NgayKetThucTheoQuyDinh'), message: 'the step\u2019s allotted end is before its start' });
  const title = text(item, 'ChucDanh', join(p, 'ChucDanh'), errors);
  const department = text(item, 'PhongBanXuLy', join(p, 'PhongBanXuLy'), errors);
  const content = text(item, 'NoiDungXuLy', join(p, 'NoiDungXuLy'), errors, 2_000);
  const stepStatus = text(item, 'TrangThai', join(p, 'TrangThai'), errors, 40);
  if (handlerName === null || at === null) return null;
  return { handlerName, title, department, content, stepStatus, at, dueAt };
}

/**
 * The national index's fields a record carries (README, DVCQG mapping): each absent field stays
 * unknown. An empty DanhSachLePhi means no fee; an empty TaiLieuNop or DanhSachGiayToKetQua says nothing
 * (except that a finished dossier with no result document has no electronic result).
 */
function readIndexFields(raw: Obj, status: number | null, errors: FieldError[]): IndexFieldsInput {
  const out: IndexFieldsInput = {};
  const paid = int(raw.DuocThanhToanTrucTuyen);
  if (paid !== null) {
    if (paid === 0 || paid === 1 || paid === 2) out.paidOnline = paid !== 0;
    else errors.push({ path: 'DuocThanhToanTrucTuyen', message: 'must be 0 (not online), 1 (national portal) or 2 (local gateway)' });
  }
  if (raw.DanhSachLePhi !== undefined && raw.DanhSachLePhi !== null) {
    const fees = list(raw.DanhSachLePhi, 'DanhSachLePhi', errors);
    let total = 0;
    fees.forEach((f, i) => {
      const gia = isObj(f) ? (blank(f.Gia) ? 0 : Number(f.Gia)) : NaN;
      if (!Number.isFinite(gia) || gia < 0)
        errors.push({ path: `DanhSachLePhi[${i}].Gia`, message: 'must be an amount in VND, 0 or more' });
      else total += gia;
    });
    out.fee = total;
  }
  const digitised = flag(raw, 'HoSoCoThanhPhanSoHoa', 'HoSoCoThanhPhanSoHoa', errors);
  const vneid = flag(raw, 'TaiKhoanDuocXacThucVoiVNeID', 'TaiKhoanDuocXacThucVoiVNeID', errors);
  if (vneid !== null) out.citizenDataConnected = vneid;
  const docs = list(raw.TaiLieuNop, 'TaiLieuNop', errors);
  const docFlags = (f: string) =>
    docs.map((d, i) => (isObj(d) ? flag(d, f, `TaiLieuNop[${i}].${f}`, errors) : null)).filter((x): x is boolean => x !== null);
  const scanned = docFlags('DuocSoHoa');
  const reused = docFlags('DuocLayTuKhoDMQG');
  if (digitised !== null) out.digitized = digitised;
  else if (scanned.length) out.digitized = scanned.some(Boolean);
  if (reused.length) out.reusedData = reused.some(Boolean);
  if (Array.isArray(raw.DanhSachGiayToKetQua)) {
    if (raw.DanhSachGiayToKetQua.length > 0) out.electronicResult = true;
    else if (status === 9 || status === 10) out.electronicResult = false;
  }
  return out;
}

/** Supplements and steps cannot precede the receipt: named so, rather than refused one event at a time later. */
function beforeReceipt(receivedAt: number, sups: DvcqgSupplement[] | null, steps: DvcqgStep[], errors: FieldError[]): void {
  for (const x of sups ?? []) {
    if (x.requestedAt < receivedAt)
      errors.push({ path: `DanhSachHoSoBoSung[${x.index}].NgayBoSung`, message: 'is before the receipt NgayTiepNhan' });
  }
  steps.forEach((x, i) => {
    if (x.at < receivedAt) errors.push({ path: `QuaTrinhXuLy[${i}].ThoiDiemXuLy`, message: 'the step is before the receipt NgayTiepNhan' });
  });
}
