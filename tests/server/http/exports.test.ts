/**
 * GET /exports/:table over real HTTP: the .xlsx opened with exceljs (title row, header, typed cells)
 * and the CSV in each UI language's locale.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const OWN = '26740';

describe('GET /exports/:table', () => {
  let srv: TestServer;
  let leader: RoleClient;
  let unitName: string;

  /** Downloads with the leader's session; the raw bytes and headers. */
  async function download(path: string): Promise<{ status: number; type: string; disposition: string; bytes: Buffer }> {
    const res = await fetch(`${srv.url}/api/v1${path}`, { headers: { cookie: leader.cookie! } });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  }

  async function openXlsx(bytes: Buffer): Promise<ExcelJS.Worksheet> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb.worksheets[0];
  }

  beforeAll(async () => {
    srv = await startTestServer();
    leader = await srv.as('city_leader');
    const r = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        receivedEvent({ id: 'a1', dossierId: 'HS-A', unit: OWN, at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
        receivedEvent({
          id: 'b1',
          dossierId: 'HS-B',
          unit: OWN,
          at: '2026-11-17T14:30:00+07:00',
          dueAt: '2026-11-19T10:00:00+07:00',
          procedure: { code: '1.2', name: '=Thủ tục; "đặc biệt"', field: 'Đất đai', legalDays: 2 },
        }),
      ],
    });
    expect(r.body.accepted).toBe(2);
    const j = await leader.get('/api/v1/jurisdiction');
    unitName = j.body.units.find((u: { code: string }) => u.code === OWN).fullName;
  });
  afterAll(async () => {
    await srv.close();
  });

  it('exports an overdue dossier list as .xlsx with a title row, a bold header, number cells and date cells', async () => {
    const list = await leader.get(`/api/v1/units/${OWN}/dossiers?status=overdue&sort=dueAt&dir=asc`);
    const res = await download(`/exports/dossiers?code=${OWN}&status=overdue&sort=dueAt&dir=asc&lang=vi`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('spreadsheetml.sheet');
    expect(res.disposition).toContain(`ho-so-qua-han-${OWN}.xlsx`);

    const ws = await openXlsx(res.bytes);
    const title = String(ws.getCell('A1').value);
    expect(title).toContain(unitName);
    expect(title).toContain('Hồ sơ quá hạn');
    expect(title).toContain('Cập nhật lúc 09:00 20/11/2026');
    expect(ws.getRow(2).values).toEqual([
      undefined,
      'Mã hồ sơ',
      'Thủ tục',
      'Lĩnh vực',
      'Cán bộ đang xử lý',
      'Ngày tiếp nhận',
      'Hạn xử lý',
      'Số ngày quá hạn',
      'Số lần yêu cầu bổ sung',
      'Văn bản xin lỗi',
    ]);
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBeTruthy();

    const a = ws.getRow(3);
    expect(a.getCell(1).value).toBe('HS-A');
    // Excel cells hold wall-clock time: Vietnam local time, read back as the same UTC fields.
    expect(a.getCell(5).value).toBeInstanceOf(Date);
    expect((a.getCell(5).value as Date).toISOString()).toBe('2026-11-16T08:00:00.000Z');
    expect((a.getCell(6).value as Date).toISOString()).toBe('2026-11-18T17:00:00.000Z');
    expect(a.getCell(5).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(typeof a.getCell(7).value).toBe('number');
    expect(a.getCell(7).value).toBe(list.body.items[0].daysOverdue);
    expect(a.getCell(7).numFmt).toBe('0.0');
    expect(a.getCell(8).value).toBe(0);

    const b = ws.getRow(4);
    expect(b.getCell(1).value).toBe('HS-B');
    expect(b.getCell(2).value).toBe('=Thủ tục; "đặc biệt"'); // a text cell, never a formula
    expect((b.getCell(5).value as Date).toISOString()).toBe('2026-11-17T14:30:00.000Z');
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual('=Thủ tục; "đặc biệt"'.length);
  });

  it('writes English headers and title when lang=en', async () => {
    const ws = await openXlsx((await download(`/exports/dossiers?code=${OWN}&status=overdue&lang=en`)).bytes);
    expect(String(ws.getCell('A1').value)).toContain('Overdue dossiers');
    expect(String(ws.getCell('A1').value)).toContain('Updated at 09:00 20/11/2026');
    expect(ws.getCell('A2').value).toBe('Dossier code');
    expect(ws.getCell('G2').value).toBe('Days overdue');
  });

  it('exports a breakdown for the whole city with its period, counts and rates as numbers', async () => {
    const ws = await openXlsx((await download('/exports/by_field?code=city&period=month&lang=vi')).bytes);
    const title = String(ws.getCell('A1').value);
    expect(title).toContain('Toàn thành phố');
    expect(title).toContain('Kỳ: Tháng này (01/11/2026 – 20/11/2026)');
    expect(ws.getCell('A2').value).toBe('Lĩnh vực');
    const fields = [ws.getCell('A3').value, ws.getCell('A4').value].sort();
    expect(fields).toEqual(['Hộ tịch', 'Đất đai'].sort());
    expect(ws.getCell('B3').value).toBe(1);
    expect(ws.getCell('B3').numFmt).toBe('#,##0');
    expect(ws.getCell('D3').value).toBe(1); // overdue
    // The on-time rate is a ratio in a percent-formatted number cell (0: its only dossier is overdue).
    expect(ws.getCell('G3').value).toBe(0);
    expect(ws.getCell('G3').numFmt).toBe('0.0%');
  });

  it('writes CSV with ";" and decimal commas for Vietnamese, with a BOM', async () => {
    const list = await leader.get(`/api/v1/units/${OWN}/dossiers?status=overdue&sort=dueAt&dir=asc`);
    const res = await download(`/exports/dossiers?code=${OWN}&status=overdue&sort=dueAt&dir=asc&format=csv&lang=vi`);
    expect(res.type).toContain('text/csv');
    const text = res.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Mã hồ sơ;Thủ tục;Lĩnh vực;Cán bộ đang xử lý;Ngày tiếp nhận;Hạn xử lý;Số ngày quá hạn;Số lần yêu cầu bổ sung;Văn bản xin lỗi',
    );
    const a = lines[1].split(';');
    expect(a.slice(0, 1).concat(a.slice(4, 6))).toEqual(['HS-A', '16/11/2026 08:00', '18/11/2026 17:00']);
    expect(a[6]).toBe(String(Number(list.body.items[0].daysOverdue.toFixed(1))).replace('.', ','));
    expect(a[6]).toMatch(/^\d+,\d$/); // fractional days overdue in the fixture
    // The separator inside a field is quoted; a formula-like text gets an apostrophe.
    expect(lines[2]).toContain(`;"'=Thủ tục; ""đặc biệt""";`);
  });

  it('writes CSV with "," and decimal points for English', async () => {
    const list = await leader.get(`/api/v1/units/${OWN}/dossiers?status=overdue&sort=dueAt&dir=asc`);
    const text = (await download(`/exports/dossiers?code=${OWN}&status=overdue&sort=dueAt&dir=asc&format=csv&lang=en`)).bytes.toString(
      'utf8',
    );
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Dossier code,Procedure,Field,Handling official now,Received,Due,Days overdue,Supplement requests,Apology letters',
    );
    const a = lines[1].split(',');
    expect(a[4]).toBe('2026-11-16 08:00');
    expect(a[6]).toBe(String(Number(list.body.items[0].daysOverdue.toFixed(1))));
    expect(a[6]).toMatch(/^\d+\.\d$/);
    expect(lines[2]).toContain(`,"'=Thủ tục; ""đặc biệt""",`);
  });

  it('refuses a table the role may not read, and answers 400 to an unknown format or status', async () => {
    const unitLeader = await srv.as('unit_leader', 'unit:26743');
    expect((await unitLeader.get(`/api/v1/exports/dossiers?code=${OWN}`)).status).toBe(403);
    expect((await leader.get(`/api/v1/exports/dossiers?code=${OWN}&format=pdf`)).status).toBe(400);
    expect((await leader.get(`/api/v1/exports/dossiers?code=${OWN}&status=bogus`)).status).toBe(400);
    expect((await leader.get(`/api/v1/exports/nothing?code=${OWN}`)).status).toBe(400);
    expect((await leader.get('/api/v1/exports/dossiers?code=99999')).status).toBe(404);
  });

  it('records every download in the audit log with its format', async () => {
    await download(`/exports/tasks?code=${OWN}&format=csv&lang=en`);
    const entries = srv.runtime.store.audit.page({ action: 'export', limit: 5, offset: 0 });
    expect(entries.items[0]).toMatchObject({ target: `unit:${OWN}/tasks`, outcome: 'ok' });
    expect(entries.items[0].details).toMatchObject({ format: 'csv', lang: 'en', rows: 0, status: 'open_overdue' });
  });
});
