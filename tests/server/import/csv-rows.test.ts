import { describe, expect, it } from 'vitest';
import { csvRows, derivedEventId } from '../../../server/import/csv-rows.js';
import { csvDate, csvNumber } from '../../../server/import/csv-values.js';

const VI_HEADER =
  'STT;Mã hồ sơ;Loại sự kiện;Thời điểm;Mã đơn vị;Mã thủ tục;Tên thủ tục;Lĩnh vực;Số ngày quy định;Kênh;Hạn trả;Cán bộ xử lý;Mã cán bộ;Đơn vị cán bộ;Lệ phí;Thanh toán trực tuyến';

function rows(header: string, kind: 'dossier' | 'task' = 'dossier') {
  const r = csvRows(kind, header);
  if (!r.ok) throw new Error(r.problem);
  return r.rows;
}

describe('csvRows', () => {
  it('reads Vietnamese headers with `;` and turns a row into a native event in Vietnam time', () => {
    const r = rows(VI_HEADER);
    expect(r.separator).toBe(';');
    const row = r.toEvent(
      '1;H-1;Tiếp nhận;20/11/2026 08:15;26740;1.001193;"Đăng ký khai sinh; bản sao";Hộ tịch;3;Trực tuyến;25/11/2026;;;;1.500.000;Có',
    );
    expect(row).toEqual({
      ok: true,
      event: {
        dossierId: 'H-1',
        type: 'received',
        at: '2026-11-20T08:15:00+07:00',
        unit: '26740',
        procedure: { code: '1.001193', name: 'Đăng ký khai sinh; bản sao', field: 'Hộ tịch', legalDays: 3 },
        channel: 'online',
        dueAt: '2026-11-25',
        fee: 1_500_000,
        paidOnline: true,
        id: 'csv:H-1:received:2026-11-20T08:15:00+07:00',
      },
    });
  });

  it('matches English headers without case or separators, and keeps a given event id', () => {
    const r = rows('event_id,DOSSIER ID,type,at,handlerId,handlerName,handlerUnit');
    expect(r.toEvent('e-7,H-1,assigned,2026-11-20 08:30,cb1,Nguyễn Thị Lan,26740')).toEqual({
      ok: true,
      event: {
        id: 'e-7',
        dossierId: 'H-1',
        type: 'assigned',
        at: '2026-11-20T08:30:00+07:00',
        handler: { id: 'cb1', name: 'Nguyễn Thị Lan', unit: '26740' },
      },
    });
  });

  it('refuses a header with an unknown or missing column, naming it', () => {
    const r = csvRows('dossier', 'Mã hồ sơ,Thời điểm,Màu sắc');
    expect(r).toEqual({ ok: false, problem: expect.stringMatching(/unknown column\(s\): Màu sắc; missing column\(s\): type/) });
  });

  it('names the path of a value it cannot convert, and refuses a row with more fields than columns', () => {
    const r = rows('Mã hồ sơ,Loại sự kiện,Thời điểm,Số ngày quy định,Mã đơn vị');
    expect(r.toEvent('H-1,received,2026-11-20 08:00,ba ngày,26740')).toEqual({
      ok: false,
      errors: [{ path: 'procedure.legalDays', message: '"ba ngày" is not a number' }],
    });
    expect(r.columnOf('procedure.legalDays')).toBe('Số ngày quy định');
    expect(r.toEvent('H-1,received,2026-11-20 08:00,3,26740,extra')).toMatchObject({ ok: false, errors: [{ path: '' }] });
  });

  it('reads task rows (Vietnamese type words, document number and date)', () => {
    const r = rows('Mã nhiệm vụ;Loại sự kiện;Thời điểm;Tên nhiệm vụ;Số văn bản;Ngày văn bản;Cơ quan giao;Đơn vị được giao', 'task');
    expect(r.toEvent('NV-1;Giao nhiệm vụ;02/11/2026 09:00;Rà soát;123/UBND;01/11/2026;UBND Thành phố;STP')).toMatchObject({
      ok: true,
      event: { taskId: 'NV-1', type: 'assigned', document: { number: '123/UBND', date: '2026-11-01' }, assignee: 'STP' },
    });
  });

  it('derives the same id for the same row every time (resumable without an id column)', () => {
    const e = { dossierId: 'H-1', type: 'processed', at: '2026-11-20T10:00:00+07:00' };
    expect(derivedEventId('dossier', e)).toBe(derivedEventId('dossier', { ...e }));
  });
});

describe('csv values', () => {
  it('reads spreadsheet dates as Vietnam time and passes anything else on for the server to explain', () => {
    expect(csvDate('5/1/2026 7:05')).toBe('2026-01-05T07:05:00+07:00');
    expect(csvDate('2026-11-20T08:00:00+07:00')).toBe('2026-11-20T08:00:00+07:00');
    expect(csvDate('20/11/26')).toBe('20/11/26');
  });
  it('reads grouped thousands and decimal commas', () => {
    expect([csvNumber('1.500.000'), csvNumber('1,500,000'), csvNumber('2,5'), csvNumber('15'), csvNumber('x'), csvNumber('')]).toEqual([
      1_500_000,
      1_500_000,
      2.5,
      15,
      null,
      null,
    ]);
  });
});
