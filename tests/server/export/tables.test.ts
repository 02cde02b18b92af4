import { describe, expect, it } from 'vitest';
import { exportTitle, officialTable, periodText, sheetNameOf } from '../../../server/export/tables.js';
import { excelDateOf, fitWidths } from '../../../server/export/xlsx.js';

const AS_OF = Date.parse('2026-11-20T09:05:00+07:00');
const MONTH = { period: 'month' as const, from: Date.parse('2026-11-01T00:00:00+07:00'), to: Date.parse('2026-12-01T00:00:00+07:00') };

describe('exportTitle', () => {
  it('names the scope, the list, the period and the time in Vietnam time', () => {
    expect(exportTitle({ lang: 'vi', scopeName: null, asOf: AS_OF }, 'Hồ sơ quá hạn', 'Thời điểm: hiện tại')).toBe(
      'Toàn thành phố — Hồ sơ quá hạn — Thời điểm: hiện tại — Cập nhật lúc 09:05 20/11/2026',
    );
    expect(exportTitle({ lang: 'en', scopeName: 'Ben Thanh Ward', asOf: AS_OF }, 'Overdue dossiers', 'As of now')).toBe(
      'Ben Thanh Ward — Overdue dossiers — As of now — Updated at 09:05 20/11/2026 (Vietnam time)',
    );
  });
});

describe('periodText', () => {
  it('shows a running period from its first day to today, not to its end', () => {
    expect(periodText({ lang: 'vi', scopeName: null, asOf: AS_OF }, MONTH)).toBe('Kỳ: Tháng này (01/11/2026 – 20/11/2026)');
    expect(periodText({ lang: 'en', scopeName: null, asOf: AS_OF }, { ...MONTH, period: 'live' })).toBe('As of now');
  });
});

describe('sheetNameOf', () => {
  it('keeps a name Excel accepts', () => {
    expect(sheetNameOf('Hồ sơ: quá hạn / chờ bổ sung [A]*?')).toBe('Hồ sơ  quá hạn   chờ bổ sung  A');
    expect(sheetNameOf('x'.repeat(40))).toHaveLength(31);
  });
});

describe('xlsx cells', () => {
  it('turns an instant into the wall-clock Vietnam time Excel stores', () => {
    expect(excelDateOf(Date.parse('2026-11-16T08:00:00+07:00')).toISOString()).toBe('2026-11-16T08:00:00.000Z');
  });

  it('fits column widths to headers and values, within bounds', () => {
    const t = officialTable(
      [
        {
          id: 'a',
          name: 'Nguyễn Thị Ánh Tuyết',
          unit: '26740',
          holdingNow: 12_345,
          overdueHeldNow: 1,
          stepsDone: 3,
          stepOnTimeShare: 0.5,
          medianHoldDays: 1.25,
          buckPassingCases: 0,
        },
      ],
      MONTH,
      { lang: 'vi', scopeName: null, asOf: AS_OF },
    );
    const widths = fitWidths(t);
    expect(widths[0]).toBe('Nguyễn Thị Ánh Tuyết'.length + 1);
    expect(widths[1]).toBe(8); // "Đơn vị" + 2 is below the minimum
    expect(widths[6]).toBe('Thời gian giữ, trung vị (ngày làm việc)'.length + 2); // the header, with room for the filter button
    expect(widths.every((w) => w >= 8 && w <= 60)).toBe(true);
  });
});
