import { describe, expect, it } from 'vitest';
import { cumulativeWeights, hashSeed, mulberry32, Random } from '../../../server/simulator/random.js';

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('agrees with Random.next', () => {
    const f = mulberry32(7);
    const r = new Random(7);
    for (let i = 0; i < 10; i++) expect(r.next()).toBe(f());
  });
});

describe('hashSeed', () => {
  it('is stable and separates nearby parts', () => {
    expect(hashSeed(79, 'slot', 1)).toBe(hashSeed(79, 'slot', 1));
    expect(hashSeed(79, 'slot', 1)).not.toBe(hashSeed(79, 'slot', 2));
    expect(hashSeed(79, 'ab', 'c')).not.toBe(hashSeed(79, 'a', 'bc'));
    // Instants beyond 32 bits must not collide.
    expect(hashSeed(1_700_000_000_000)).not.toBe(hashSeed(1_700_000_000_000 + 2 ** 32));
  });
});

describe('Random', () => {
  it('draws Poisson counts with the right mean, small and large', () => {
    const r = new Random(1);
    for (const lambda of [0.3, 4, 80]) {
      let sum = 0;
      const n = 20_000;
      for (let i = 0; i < n; i++) sum += r.poisson(lambda);
      expect(sum / n).toBeGreaterThan(lambda * 0.95);
      expect(sum / n).toBeLessThan(lambda * 1.05);
    }
    expect(r.poisson(0)).toBe(0);
  });

  it('picks by cumulative weight', () => {
    const r = new Random(3);
    const cum = cumulativeWeights([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 8_000; i++) counts[r.pickCumulative(cum)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.6);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.4);
  });

  it('keeps int() within bounds, both inclusive', () => {
    const r = new Random(9);
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) seen.add(r.int(2, 4));
    expect([...seen].sort()).toEqual([2, 3, 4]);
  });
});
