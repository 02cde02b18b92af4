import { describe, expect, it } from 'vitest';
import {
  normaliseHeader,
  readPortalFile,
  type PortalFileContext,
  type PortalFileReport,
} from '../../../server/domain/portal-index-file.js';
import { decodeCsvBytes, detectSeparator, readCsvLines } from '../../../server/domain/portal-index-csv.js';

/** Two wards, a department and the city; periods checked by shape only (the CLI checks them against the clock). */
const ctx: PortalFileContext = {
  codeOf: (raw) => (['26740', '26743', 'STP', 'city'].includes(raw) ? raw : null),
  periodProblem: (name) => (/^\d{4}(-\d{2}|-Q[1-4])?$/.test(name) ? null : `period "${name}" is not a month, quarter or year`),
};
const HEADER = 'unit,period,total,transparency,progress,online,payment,digitisation,satisfaction';

function read(text: string): PortalFileReport {
  const r = readPortalFile(text, ctx);
  if (!r.ok) throw new Error(r.problem);
  return r.report;
}
const reasons = (r: PortalFileReport) => Object.fromEntries(r.rejected.map((x) => [x.line, x.reason]));

describe('readPortalFile', () => {
  it('accepts a full row and a row with only the total, reading the groups given', () => {
    const r = read(`${HEADER}\n26740,2026-10,85.16,16.5,18.79,10,8,17.37,14.5\n26743,2026-Q3,80,,,,,,\n`);
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toEqual([
      {
        line: 2,
        code: '26740',
        period: '2026-10',
        total: 85.16,
        groups: { transparency: 16.5, progress: 18.79, online: 10, payment: 8, digitisation: 17.37, satisfaction: 14.5 },
        raw: '26740,2026-10,85.16,16.5,18.79,10,8,17.37,14.5',
      },
      { line: 3, code: '26743', period: '2026-Q3', total: 80, groups: {}, raw: '26743,2026-Q3,80,,,,,,' },
    ]);
  });

  it('rejects an unknown unit code and a bad period, with the line of each', () => {
    const r = read(`${HEADER}\n99999,2026-10,80,,,,,,\n26740,2026-13x,80,,,,,,\n26740,,80,,,,,,`);
    expect(reasons(r)).toEqual({
      2: 'unit code "99999" is not a unit or department of the city',
      3: 'period "2026-13x" is not a month, quarter or year',
      4: 'no period',
    });
    expect(r.accepted).toEqual([]);
  });

  it('rejects numbers out of range, group points above the group’s maximum, and text where a number goes', () => {
    const r = read(`${HEADER}\n26740,2026-10,100.5,,,,,,\n26743,2026-10,-1,,,,,,\nSTP,2026-10,80,,20.5,,,,\ncity,2026-10,eighty,,,,,,`);
    expect(reasons(r)).toEqual({
      2: 'total 100.5 is outside 0–100',
      3: 'total -1 is outside 0–100',
      4: "progress 20.5 is outside 0–20 (the group's maximum)",
      5: 'total "eighty" is not a number',
    });
  });

  it('rejects a total that is not the sum of the groups when all six are given, within 0.01', () => {
    const r = read(`${HEADER}\n26740,2026-10,85.17,16.5,18.79,10,8,17.37,14.5\n26743,2026-10,85.2,16.5,18.79,10,8,17.37,14.5\n`);
    expect(r.accepted.map((a) => a.line)).toEqual([2]);
    expect(reasons(r)).toEqual({ 3: 'total 85.2 is not the sum of the groups (85.16)' });
  });

  it('names every problem of a row at once', () => {
    const r = read(`${HEADER}\n12345,month,,,,,,,`);
    expect(reasons(r)[2]).toBe(
      'unit code "12345" is not a unit or department of the city; period "month" is not a month, quarter or year; no total',
    );
  });

  it('rejects a repeated row as a duplicate and keeps the first', () => {
    const r = read(`${HEADER}\n26740,2026-10,80,,,,,,\n26740,2026-10,80,,,,,,`);
    expect(r.accepted.map((a) => a.line)).toEqual([2]);
    expect(reasons(r)).toEqual({ 3: 'duplicate of line 2 (26740, 2026-10, same figures)' });
  });

  it('rejects both rows when a unit and period appear twice with different figures', () => {
    const r = read(`${HEADER}\n26740,2026-10,80,,,,,,\n26743,2026-10,70,,,,,,\n26740,2026-10,81,,,,,,`);
    expect(r.accepted.map((a) => a.line)).toEqual([3]);
    expect(reasons(r)).toEqual({
      2: '26740, 2026-10 is also on line 4 with other figures',
      4: '26740, 2026-10 is also on line 2 with other figures',
    });
  });

  it('rejects a row with a different number of fields, hinting at an unquoted decimal comma', () => {
    const r = read(`${HEADER}\n26740,2026-10,85,16,,,,,,`);
    expect(reasons(r)[2]).toBe('10 fields where the header has 9 (a decimal comma needs quotes, or separate the columns with ;)');
  });

  it('reads Vietnamese headers, a semicolon separator and decimal commas, skipping notes, blank lines and columns it does not know', () => {
    const text =
      '\uFEFF# MẪU — không phải số liệu thật của Cổng\n' +
      'Mã đơn vị;Tên đơn vị;Kỳ;Tổng điểm;Công khai, minh bạch (18);Tiến độ giải quyết (20);Dịch vụ trực tuyến;Thanh toán trực tuyến;Số hóa;Mức độ hài lòng\r\n' +
      '\r\n' +
      '26740;Phường Sài Gòn;2026-10;85,16;16,5;18,79;10;8;17,37;14,5\r\n';
    const r = read(text);
    expect(r.separator).toBe(';');
    expect(r.ignoredColumns).toEqual(['Tên đơn vị']);
    expect(r.rejected).toEqual([]);
    expect(r.accepted[0]).toMatchObject({ line: 4, code: '26740', total: 85.16, groups: { transparency: 16.5, progress: 18.79 } });
  });

  it('refuses a file whose header lacks a required column, or names one twice', () => {
    expect(readPortalFile('unit,total\n26740,80\n', ctx)).toEqual({
      ok: false,
      problem:
        'line 1: the header has no period column (expected: unit,period,total,transparency,progress,online,payment,digitisation,satisfaction; got: unit, total)',
    });
    expect(readPortalFile('unit,period,total,tong_diem\n', ctx)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"total" twice'),
    });
    expect(readPortalFile('# only a note\n\n', ctx)).toEqual({ ok: false, problem: 'the file is empty (no header line)' });
  });

  it('keeps each rejected row’s text as written, quotes included, and the line a quoted newline starts on', () => {
    const r = read(`${HEADER}\n"2674""0",2026-10,80,,,,,,\n26740,"2026-\n10",80,,,,,,\n26743,2026-10,80,,,,,,`);
    expect(r.rejected[0]).toMatchObject({ line: 2, raw: '"2674""0",2026-10,80,,,,,,' });
    expect(r.rejected[1]).toMatchObject({ line: 3, raw: '26740,"2026-\n10",80,,,,,,' });
    expect(r.accepted[0].line).toBe(5);
  });
});

describe('the CSV reading under it', () => {
  it('picks the separator the header uses most, ignoring quoted ones', () => {
    expect(detectSeparator('a;b;"c,d,e"')).toBe(';');
    expect(detectSeparator('a\tb\tc')).toBe('\t');
    expect(detectSeparator('a')).toBe(',');
  });
  it('reads UTF-8 and a spreadsheet’s UTF-16 “Unicode text” export (tab-separated) alike', () => {
    const text = '\uFEFFMã đơn vị\tKỳ\tTổng điểm\r\n26740\t2026-10\t85,16\r\n';
    const utf16 = new Uint8Array(Buffer.from(text, 'utf16le'));
    expect(utf16[0]).toBe(0xff);
    expect(decodeCsvBytes(utf16)).toBe(text.slice(1)); // the mark is dropped
    expect(decodeCsvBytes(new Uint8Array(Buffer.from(text, 'utf8')))).toBe(text.slice(1));
    expect(read(decodeCsvBytes(utf16)).accepted[0]).toMatchObject({ code: '26740', period: '2026-10', total: 85.16 });
  });
  it('numbers lines from 1 across notes and blank lines', () => {
    expect(readCsvLines('# note\n\na,b\n1,2\n').lines.map((l) => l.line)).toEqual([3, 4]);
  });
  it('normalises Vietnamese header names', () => {
    expect(normaliseHeader('Tiến độ giải quyết (20)')).toBe('tien_do_giai_quyet');
    expect(normaliseHeader('Mã đơn vị')).toBe('ma_don_vi');
    expect(normaliseHeader(' Số hóa ')).toBe('so_hoa');
  });
});
