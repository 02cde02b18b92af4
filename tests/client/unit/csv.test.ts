import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, csvFileName, rowsToCsv, toCsv } from '../../../client/lib/csv';
import { csvDateTime } from '../../../client/features/unit/export-format';

describe('csvField', () => {
  it('leaves plain text unquoted', () => {
    expect(csvField('Hộ tịch')).toBe('Hộ tịch');
  });

  it('quotes a field holding a comma', () => {
    expect(csvField('Đăng ký khai sinh, khai tử')).toBe('"Đăng ký khai sinh, khai tử"');
  });

  it('doubles quotes inside a quoted field', () => {
    expect(csvField('Chứng thực "bản sao"')).toBe('"Chứng thực ""bản sao"""');
  });

  it('quotes fields holding LF or CR', () => {
    expect(csvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvField('a\rb')).toBe('"a\rb"');
  });

  it('neutralises text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2,5')).toBe('"-2,5"');
    expect(csvField(-3)).toBe('-3');
  });

  it('writes null and undefined as empty, numbers as text', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(12)).toBe('12');
  });
});

describe('toCsv', () => {
  it('starts with the UTF-8 byte-order mark and ends every record with CRLF', () => {
    const csv = toCsv(['Mã hồ sơ', 'Số ngày quá hạn'], [['HS-001', '2,5']]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFFMã hồ sơ,Số ngày quá hạn\r\nHS-001,"2,5"\r\n');
  });

  it('keeps Vietnamese text intact through UTF-8 encoding', () => {
    const csv = toCsv(['Cán bộ đang xử lý'], [['Nguyễn Thị Ánh Tuyết']]);
    const bytes = new TextEncoder().encode(csv);
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(csv);
    expect(csv).toContain('Nguyễn Thị Ánh Tuyết');
  });

  it('does not use bare LF between records even when a field holds a newline', () => {
    const csv = toCsv(['Lý do'], [['thiếu\ngiấy tờ'], ['khác']]);
    expect(csv).toBe('\uFEFFLý do\r\n"thiếu\ngiấy tờ"\r\nkhác\r\n');
  });
});

describe('rowsToCsv', () => {
  it('reads cells through the column definitions', () => {
    const rows = [{ id: 'HS-1', holder: null }, { id: 'HS-2', holder: 'Lê Văn "Tư"' }];
    const csv = rowsToCsv(
      [
        { header: 'Mã hồ sơ', value: (r: (typeof rows)[number]) => r.id },
        { header: 'Cán bộ đang xử lý', value: (r: (typeof rows)[number]) => r.holder },
      ],
      rows,
    );
    expect(csv).toBe('\uFEFFMã hồ sơ,Cán bộ đang xử lý\r\nHS-1,\r\nHS-2,"Lê Văn ""Tư"""\r\n');
  });
});

describe('csvFileName', () => {
  it('keeps Vietnamese letters and replaces separators', () => {
    expect(csvFileName('hồ sơ quá hạn/26734')).toBe('hồ-sơ-quá-hạn-26734.csv');
  });
});

describe('csvDateTime', () => {
  it('writes a bare due date as the date alone, like the screens, and other instants with their time', () => {
    expect(csvDateTime('2025-11-24T23:59:59.999+07:00')).toBe('24/11/2025');
    expect(csvDateTime('2025-11-24T17:00:00.000+07:00')).toBe('24/11/2025 17:00');
    expect(csvDateTime(null)).toBe('');
  });
});
