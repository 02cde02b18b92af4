import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const load = (lang: string) => JSON.parse(readFileSync(new URL(`../../../../client/i18n/${lang}/wall.json`, import.meta.url), 'utf8'));

function keys(obj: unknown, prefix = ''): string[] {
  if (!obj || typeof obj !== 'object') return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('wall texts', () => {
  const vi = load('vi');
  const en = load('en');

  it('English has every Vietnamese key', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it("uses the officials' words for data as of, disconnected and silent sources", () => {
    expect(vi.asOf).toBe('Cập nhật lúc');
    expect(vi.stale.title).toBe('Mất kết nối — dữ liệu lúc {{time}}');
    expect(vi.sourcesSilent).toBe('Nguồn dữ liệu chưa cập nhật: {{names}}');
    expect(vi.kpi.onTimeRate).toBe('Tỷ lệ đúng hạn');
    expect(vi.scene.departments).toBe('Sở, ban, ngành');
  });
});
