import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCellText, csvQuote, csvSeparator, toCsv } from '../../../server/export/csv.js';
import type { ExportTable } from '../../../server/export/table.js';

const AT = Date.parse('2026-11-16T08:05:00+07:00');

function sample(): ExportTable {
  return {
    title: 'ignored in CSV',
    sheetName: 'x',
    columns: [
      { header: 'Mã hồ sơ', kind: 'text' },
      { header: 'Ngày tiếp nhận', kind: 'datetime' },
      { header: 'Số ngày quá hạn', kind: 'days' },
      { header: 'Tỷ lệ đúng hạn', kind: 'percent' },
      { header: 'Số lần gia hạn', kind: 'count' },
    ],
    rows: [
      ['HS-001', AT, 2.46, 0.9634, 1234],
      ['Chứng thực "bản sao", bản chính; khác', null, 0, null, 0],
    ],
  };
}

describe('csvSeparator', () => {
  it('uses ";" for Vietnamese (decimal comma locale) and "," for English', () => {
    expect(csvSeparator('vi')).toBe(';');
    expect(csvSeparator('en')).toBe(',');
  });
});

describe('toCsv', () => {
  it('writes a Vietnamese-locale CSV: ";" separator, decimal commas, dd/MM/yyyy HH:mm, no grouping', () => {
    expect(toCsv(sample(), 'vi')).toBe(
      CSV_BOM +
        'Mã hồ sơ;Ngày tiếp nhận;Số ngày quá hạn;Tỷ lệ đúng hạn (%);Số lần gia hạn\r\n' +
        'HS-001;16/11/2026 08:05;2,5;96,3;1234\r\n' +
        '"Chứng thực ""bản sao"", bản chính; khác";;0;;0\r\n',
    );
  });

  it('writes an English-locale CSV: "," separator, decimal points, yyyy-MM-dd HH:mm', () => {
    expect(toCsv(sample(), 'en')).toBe(
      CSV_BOM +
        'Mã hồ sơ,Ngày tiếp nhận,Số ngày quá hạn,Tỷ lệ đúng hạn (%),Số lần gia hạn\r\n' +
        'HS-001,2026-11-16 08:05,2.5,96.3,1234\r\n' +
        '"Chứng thực ""bản sao"", bản chính; khác",,0,,0\r\n',
    );
  });

  it('keeps Vietnamese text intact through UTF-8 with the byte-order mark', () => {
    const bytes = new TextEncoder().encode(toCsv(sample(), 'vi'));
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('csvQuote', () => {
  it('quotes a field holding the separator in use, a quote, CR or LF, and nothing else', () => {
    expect(csvQuote('a,b', ';')).toBe('a,b');
    expect(csvQuote('a;b', ';')).toBe('"a;b"');
    expect(csvQuote('a,b', ',')).toBe('"a,b"');
    expect(csvQuote('thiếu\ngiấy tờ', ',')).toBe('"thiếu\ngiấy tờ"');
    expect(csvQuote('a\rb', ';')).toBe('"a\rb"');
  });
});

describe('csvCellText', () => {
  const text = { header: 'x', kind: 'text' } as const;
  it('neutralises text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvCellText(text, '=HYPERLINK("http://x","y")', 'vi')).toBe('\'=HYPERLINK("http://x","y")');
    expect(csvCellText(text, '+cmd', 'vi')).toBe("'+cmd");
    expect(csvCellText(text, '@SUM(A1)', 'en')).toBe("'@SUM(A1)");
    expect(csvCellText(text, '-2,5', 'vi')).toBe('-2,5');
  });
});
