import { describe, expect, it } from 'vitest';
import { matchesSearch, normalizeSearch, searchItems } from '../../../client/lib/search';

describe('normalizeSearch', () => {
  it('strips tone and vowel marks and maps đ to d', () => {
    expect(normalizeSearch('Tân Định')).toBe('tan dinh');
    expect(normalizeSearch('ĐẶC KHU Côn Đảo')).toBe('dac khu con dao');
    expect(normalizeSearch('  Bình   Hưng Hòa ')).toBe('binh hung hoa');
    expect(normalizeSearch('Sở Tư pháp')).toBe('so tu phap');
  });

  it('treats composed and decomposed Unicode alike', () => {
    expect(normalizeSearch('Tân Định'.normalize('NFD'))).toBe(normalizeSearch('Tân Định'.normalize('NFC')));
  });
});

describe('matchesSearch', () => {
  it('finds "Tân Định" from "tan dinh", "Tan Dinh" or "tân đ"', () => {
    expect(matchesSearch('tan dinh', 'Tân Định')).toBe(true);
    expect(matchesSearch('Tan Dinh', 'Phường Tân Định')).toBe(true);
    expect(matchesSearch('tân đ', 'Tân Định')).toBe(true);
    expect(matchesSearch('dinh', 'Tân Định')).toBe(true);
  });

  it('does not match other names', () => {
    expect(matchesSearch('tan dinh', 'Tân Sơn Nhất')).toBe(false);
    expect(matchesSearch('binh thanh', 'Bình Tân')).toBe(false);
  });
});

describe('searchItems', () => {
  const items = [{ name: 'Tân Định' }, { name: 'Tân Sơn Nhất' }, { name: 'Đông Hưng Thuận' }, { name: 'Định Hòa' }];
  const texts = (i: { name: string }): string[] => [i.name];

  it('ranks exact, then prefix, then word matches', () => {
    expect(searchItems('dinh', items, texts).map((i) => i.name)).toEqual(['Định Hòa', 'Tân Định']);
    expect(searchItems('tan', items, texts).map((i) => i.name)).toEqual(['Tân Định', 'Tân Sơn Nhất']);
  });

  it('returns nothing for an empty query and respects the limit', () => {
    expect(searchItems('  ', items, texts)).toEqual([]);
    expect(searchItems('t', items, texts, 1)).toHaveLength(1);
  });
});
