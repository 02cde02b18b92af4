import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rankCommunes } from '../../../client/features/unit/province-communes';
import type { UnitInfo } from '../../../shared/contract/api';
import type { ScopeMetrics } from '../../../shared/contract/metrics';

const unit = (code: string, province: string, name = code): UnitInfo =>
  ({ code, province, name, fullName: `Xã ${name}`, nameEn: name, type: 'Xã' }) as UnitInfo;
const m = (overdue: number, onTimeRate: number | null) => ({ overdue, onTimeRate }) as ScopeMetrics;

describe('a province page’s communes, ranked', () => {
  it('puts the most overdue first, then the lower on-time rate, and leaves out other provinces', () => {
    const units = [unit('a', '01'), unit('b', '01'), unit('c', '01'), unit('far', '79')];
    const ranked = rankCommunes(units, '01', { a: m(2, 0.9), b: m(5, 0.5), c: m(2, 0.4), far: m(99, 0) });
    expect(ranked.map((r) => [r.rank, r.unit.code])).toEqual([
      [1, 'b'],
      [2, 'c'],
      [3, 'a'],
    ]);
  });

  it('ranks a commune without an on-time rate after those with one, and skips communes without figures', () => {
    const ranked = rankCommunes([unit('a', '01'), unit('b', '01'), unit('hidden', '01')], '01', { a: m(0, null), b: m(0, 1) });
    expect(ranked.map((r) => r.unit.code)).toEqual(['b', 'a']);
  });

  it('ranks 1..n with overdue counts never rising down the list', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { maxLength: 40 }), (counts) => {
        const units = counts.map((_, i) => unit(`u${i}`, '01'));
        const metrics = Object.fromEntries(counts.map((n, i) => [`u${i}`, m(n, null)]));
        const ranked = rankCommunes(units, '01', metrics);
        expect(ranked.map((r) => r.rank)).toEqual(counts.map((_, i) => i + 1));
        for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].metrics!.overdue).toBeGreaterThanOrEqual(ranked[i].metrics!.overdue);
      }),
    );
  });
});
