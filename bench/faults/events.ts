/** Valid wire events and DVCQG records for the fault suite, dated from the server's clock. */
import { toVnIso } from '../../server/domain/time.js';

/** A ward of the default jurisdiction (Phường Bến Thành's district), as in the HTTP tests. */
export const UNIT = '26740';
const HOUR = 3_600_000;

export function received(id: string, dossierId: string, at: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    type: 'received',
    dossierId,
    at: toVnIso(at),
    unit: UNIT,
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
    channel: 'online',
    dueAt: toVnIso(at + 72 * HOUR),
    ...over,
  };
}

export function processed(id: string, dossierId: string, at: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, type: 'processed', dossierId, at: toVnIso(at), ...over };
}

export function taskAssigned(id: string, taskId: string, at: number): Record<string, unknown> {
  return {
    id,
    type: 'assigned',
    taskId,
    at: toVnIso(at),
    title: 'Báo cáo tiến độ giải ngân',
    document: { number: '123/UBND-VP', date: toVnIso(at).slice(0, 10) },
    issuer: 'UBND Thành phố',
    assignee: UNIT,
    dueAt: toVnIso(at + 48 * HOUR),
  };
}

/** `yyyyMMddHHmmss` in Vietnam time, the DVCQG date format. */
export function dvcqgDate(t: number): string {
  return toVnIso(t).slice(0, 19).replace(/[-T:]/g, '');
}

/** A DVCQG snapshot of a dossier received at `at`, status 4 (being processed). */
export function dvcqgRecord(maHoSo: string, at: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MaHoSo: maHoSo,
    MaTTHC: '1.001193',
    TenTTHC: 'Đăng ký khai sinh',
    MaLinhVuc: 'HT',
    TenLinhVuc: 'Hộ tịch',
    KenhThucHien: '2',
    NgayTiepNhan: dvcqgDate(at),
    NgayHenTra: dvcqgDate(at + 72 * HOUR),
    TrangThaiHoSo: '4',
    DonViXuLy: UNIT,
    NgayKetThucXuLy: '',
    NgayTra: '',
    DanhSachHoSoBoSung: [],
    QuaTrinhXuLy: [],
    ...over,
  };
}
