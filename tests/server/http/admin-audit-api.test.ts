/**
 * The audit log over real HTTP and a real SQLite file: filters by action, actor and Vietnam days (the
 * last day included to its final millisecond, the next day's midnight not), the actions it holds,
 * paging, and the CSV export's bytes (UTF-8 with a BOM, the filter applied, Vietnamese intact).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const at = (iso: string) => Date.parse(iso);

describe('audit log API', () => {
  let srv: TestServer;
  let admin: RoleClient;

  beforeAll(async () => {
    srv = await startTestServer();
    admin = await srv.as('admin');
    const add = (iso: string, action: string, target: string, details: Record<string, unknown> | null = null) =>
      srv.runtime.store.audit.add({
        at: at(iso),
        actor: 'user:quantri',
        role: 'admin',
        action,
        target,
        outcome: 'ok',
        ip: '10.0.0.1',
        details,
      });
    // Around the midnight between 1 and 2 December 2026, Vietnam time (17:00 UTC).
    add('2026-11-30T23:59:59.999+07:00', 'source.created', 'before-range');
    add('2026-12-01T00:00:00.000+07:00', 'source.created', 'first-instant');
    add('2026-12-01T23:59:59.999+07:00', 'source.revoked', 'last-instant');
    add('2026-12-02T00:00:00.000+07:00', 'source.created', 'next-midnight');
    add('2026-12-02T08:15:30.000+07:00', 'display.created', 'Màn hình phòng họp', { scope: 'unit:26740', note: 'Tầng 2; "khu A"' });
  });
  afterAll(async () => {
    await srv?.close();
  });

  const targets = async (query: string) =>
    ((await admin.get(`/api/v1/audit?${query}`)).body.items as { target: string }[]).map((i) => i.target).filter((t) => t !== null);

  it('a single day from=to=D keeps 00:00:00.000 to 23:59:59.999 of D in Vietnam time, not the instants either side', async () => {
    expect(await targets('from=2026-12-01&to=2026-12-01')).toEqual(['last-instant', 'first-instant']);
  });

  it('from alone and to alone are open on the other side', async () => {
    expect(await targets('from=2026-12-02')).toEqual(expect.arrayContaining(['Màn hình phòng họp', 'next-midnight']));
    expect(await targets('from=2026-12-02')).not.toContain('last-instant');
    expect(await targets('to=2026-11-30')).toEqual(['before-range']);
  });

  it('combines the day range with the action and the actor', async () => {
    expect(await targets('from=2026-11-30&to=2026-12-02&action=source.created')).toEqual([
      'next-midnight',
      'first-instant',
      'before-range',
    ]);
    expect(await targets('action=source.created&actor=user:nobody')).toEqual([]);
  });

  it('refuses days that are not calendar dates, in another format, or a range that ends before it starts, naming the field', async () => {
    const bad = async (q: string) => (await admin.get(`/api/v1/audit?${q}`)).body.error;
    expect(await bad('from=2026-02-30')).toEqual({ code: 'invalid_query', message: 'from: not a calendar date' });
    expect((await bad('to=02/12/2026')).message).toBe('to: a day as YYYY-MM-DD (Vietnam time)');
    expect((await bad('from=2026-12-02&to=2026-12-01')).message).toBe('from: from is after to');
    expect((await bad('page=0')).message).toMatch(/^page:/);
  });

  it('pages newest first with the total of the filter', async () => {
    const p1 = await admin.get('/api/v1/audit?action=source.created&pageSize=2');
    const p2 = await admin.get('/api/v1/audit?action=source.created&pageSize=2&page=2');
    expect(p1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect([...p1.body.items, ...p2.body.items].map((i: { target: string }) => i.target)).toEqual([
      'next-midnight',
      'first-instant',
      'before-range',
    ]);
    expect(p1.body.items[0].at).toBe('2026-12-02T00:00:00.000+07:00');
  });

  it('lists the actions the log holds, sorted, for the filter', async () => {
    const res = await admin.get('/api/v1/audit/actions');
    expect(res.body.actions).toEqual(expect.arrayContaining(['auth.login', 'display.created', 'source.created', 'source.revoked']));
    expect([...res.body.actions].sort()).toEqual(res.body.actions);
  });

  it('exports the filtered log as CSV: UTF-8 bytes with a BOM, `;` and seconds for Vietnamese, quoted details, audited', async () => {
    const res = await fetch(`${srv.url}/api/v1/audit/export?from=2026-12-02&to=2026-12-02`, { headers: { cookie: admin.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="nhat-ky-thao-tac_2026-12-02_2026-12-02.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // "Màn hình": à is C3 A0 and ì is C3 AC in UTF-8.
    expect(bytes.includes(Buffer.from([0x4d, 0xc3, 0xa0, 0x6e, 0x20, 0x68, 0xc3, 0xac, 0x6e, 0x68]))).toBe(true);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Thời điểm;Người thực hiện;Vai trò;Thao tác;Đối tượng;Kết quả;Địa chỉ IP;Chi tiết');
    expect(lines.slice(1, 3)).toEqual([
      '02/12/2026 08:15:30;user:quantri;admin;display.created;Màn hình phòng họp;Thành công;10.0.0.1;"scope: unit:26740; note: Tầng 2; ""khu A"""',
      '02/12/2026 00:00:00;user:quantri;admin;source.created;next-midnight;Thành công;10.0.0.1;',
    ]);
    expect(lines).toHaveLength(4); // header, two rows, the empty text after the last CRLF
    expect(res.headers.get('x-export-total')).toBe('2');
    const entry = srv.runtime.store.audit.page({ action: 'audit.exported', limit: 1, offset: 0 }).items[0];
    expect(entry).toMatchObject({ actor: `user:${admin.username}`, details: { fromDay: '2026-12-02', toDay: '2026-12-02', rows: 2 } });
  });

  it('exports in English with `,` and ISO-like times', async () => {
    const res = await fetch(`${srv.url}/api/v1/audit/export?action=source.revoked&lang=en`, { headers: { cookie: admin.cookie! } });
    const text = (await res.text()).replace(/^\uFEFF/, '');
    expect(text).toBe(
      'Time,Actor,Role,Action,Target,Outcome,IP address,Details\r\n2026-12-01 23:59:59,user:quantri,admin,source.revoked,last-instant,Succeeded,10.0.0.1,\r\n',
    );
  });
});
