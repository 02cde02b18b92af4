import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelCandidates, MAX_TILE_LABEL_CHARS, tileLabels, type TileLabelInput } from '../../../../client/features/overview/tile-labels';

/** Rows of a small CSV without quoted fields. */
function csv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(path, import.meta.url), 'utf8')
    .trim()
    .split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

const hcmc: TileLabelInput[] = csv('../../../../fixtures/jurisdiction/hcmc-units.csv').map((r) => ({ code: r.code, name: r.name }));
const national = csv('../../../../fixtures/national/vn-units-2025.csv');
const provinces = new Map<string, TileLabelInput[]>();
for (const r of national) provinces.set(r.province_code, [...(provinces.get(r.province_code) ?? []), { code: r.code, name: r.name }]);

const chars = (s: string) => Array.from(s).length;
const duplicates = (values: Iterable<string>) => {
  const seen = new Set<string>();
  return [...values].filter((v) => seen.has(v) || !seen.add(v));
};

describe('labelCandidates', () => {
  it('starts with the initials, diacritics kept, and adds letters of the last word first', () => {
    expect(labelCandidates('Tân Định').slice(0, 3)).toEqual(['TĐ', 'TĐị', 'TâĐ']);
    expect(labelCandidates('Bình Hưng Hòa')[0]).toBe('BHH');
    expect(labelCandidates('an phú đông')[0]).toBe('APĐ');
  });

  it('keeps numbers whole and skips apostrophes and dashes', () => {
    expect(labelCandidates('Hà Giang 2')[0]).toBe('HG2');
    expect(labelCandidates("Ea H'Leo")[0]).toBe('EH');
    expect(labelCandidates("Ea H'Leo")).toContain('EHl');
    expect(labelCandidates('Lâm Viên - Đà Lạt')[0]).toBe('LVĐL');
  });
});

describe('tileLabels', () => {
  it('gives the 168 units of Ho Chi Minh City unique labels of at most 4 characters', () => {
    expect(hcmc).toHaveLength(168);
    const labels = tileLabels(hcmc);
    expect(labels.size).toBe(168);
    expect(duplicates(labels.values())).toEqual([]);
    for (const l of labels.values()) expect(chars(l)).toBeLessThanOrEqual(MAX_TILE_LABEL_CHARS);
  });

  it('tells apart the names whose initials collide by the letters that differ', () => {
    const labels = tileLabels(hcmc);
    const byName = (name: string) => labels.get(hcmc.find((u) => u.name === name)!.code);
    expect(byName('Bến Thành')).toBe('BếT');
    expect(byName('Bình Thạnh')).toBe('BThạ');
    expect(byName('Bình Tây')).toBe('BTây');
    expect(byName('Bình Tân')).toBe('BTân');
    // A name unique by its initials keeps them.
    expect(byName('Thủ Dầu Một')).toBe('TDM');
    // Told apart only beyond four characters: a number, in code order.
    expect([byName('Tân Sơn Nhất'), byName('Tân Sơn Nhì')].sort()).toEqual(['TSN1', 'TSN2']);
  });

  it('gives every unit of each of the 34 provinces a label unique within its province', () => {
    expect(national).toHaveLength(3321);
    expect(provinces.size).toBe(34);
    for (const [province, units] of provinces) {
      const labels = tileLabels(units);
      expect(labels.size, province).toBe(units.length);
      expect(duplicates(labels.values()), province).toEqual([]);
      for (const l of labels.values()) expect(chars(l), `${province} ${l}`).toBeLessThanOrEqual(MAX_TILE_LABEL_CHARS);
    }
  });

  it('is not unique nationwide (nor meant to be): labels repeat across provinces', () => {
    const all = [...provinces.values()].flatMap((units) => [...tileLabels(units).values()]);
    expect(new Set(all).size).toBeLessThan(all.length);
  });

  it('does not depend on the order of the units', () => {
    const a = tileLabels(hcmc);
    const b = tileLabels([...hcmc].reverse());
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
  });

  it('numbers units with the same name', () => {
    const labels = tileLabels([
      { code: '2', name: 'Tân Thành' },
      { code: '1', name: 'Tân Thành' },
      { code: '3', name: 'Tân Thạnh' },
    ]);
    expect(labels.get('1')).toBe('TT1');
    expect(labels.get('2')).toBe('TT2');
    expect(labels.get('3')).toBe('TThạ');
  });
});
