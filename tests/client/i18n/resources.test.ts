import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectResources } from '../../../client/i18n';

const dir = new URL('../../../client/i18n/', import.meta.url);

function load(lang: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const f of readdirSync(new URL(`${lang}/`, dir))) {
    if (f.endsWith('.json')) out[f.slice(0, -5)] = JSON.parse(readFileSync(new URL(`${lang}/${f}`, dir), 'utf8'));
  }
  return out;
}

function keys(obj: unknown, prefix = ''): string[] {
  if (!obj || typeof obj !== 'object') return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n resources', () => {
  it('collects namespaces by language from file paths', () => {
    const r = collectResources({ './vi/common.json': { a: 1 }, './en/unit.json': { b: 2 }, './x.json': {} });
    expect(r).toEqual({ vi: { common: { a: 1 } }, en: { unit: { b: 2 } } });
  });

  for (const ns of ['common', 'overview', 'auth', 'requests', 'warning']) {
    it(`${ns}: English has every Vietnamese key`, () => {
      const vi = load('vi')[ns];
      const en = load('en')[ns];
      expect(keys(en).sort()).toEqual(keys(vi).sort());
    });
  }

  it("uses the officials' words", () => {
    const vi = load('vi');
    expect(vi.common.appTitle).toBe('Bản đồ thực thi thể chế');
    expect((vi.overview.kpi as Record<string, string>).onTimeRate).toBe('Tỷ lệ đúng hạn');
    expect((vi.overview.alerts as Record<string, string>).title).toBe('Quá hạn mới');
    expect(vi.common.period).toMatchObject({ today: 'Hôm nay', week: 'Tuần này', month: 'Tháng này', quarter: 'Quý này', year: 'Năm nay' });
    expect(vi.requests.kind).toEqual({ reminder: 'Nhắc nhở', explanation: 'Yêu cầu giải trình' });
    expect(vi.requests.state).toMatchObject({ read: 'Đã tiếp nhận', answered: 'Đã giải trình', overdue: 'Quá hạn giải trình' });
  });
});
