import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../../server/metrics/heap.js';

describe('MinHeap', () => {
  it('pops values in key order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 })), (keys) => {
        const heap = new MinHeap<number>();
        keys.forEach((k) => heap.push(k, k));
        const out: number[] = [];
        while (heap.size > 0) {
          expect(heap.peekKey()).toBe(heap.peekKey());
          out.push(heap.pop() as number);
        }
        expect(out).toEqual(keys.slice().sort((a, b) => a - b));
      }),
    );
  });

  it('reports +Infinity and undefined when empty', () => {
    const heap = new MinHeap<string>();
    expect(heap.peekKey()).toBe(Number.POSITIVE_INFINITY);
    expect(heap.pop()).toBeUndefined();
  });

  it('keeps order after dropping entries with retain', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 })), (keys) => {
        const heap = new MinHeap<number>();
        keys.forEach((k, i) => heap.push(k, i));
        heap.retain((i) => i % 3 !== 0);
        const out: number[] = [];
        while (heap.size > 0) out.push(keys[heap.pop() as number]);
        expect(out).toEqual(keys.filter((_, i) => i % 3 !== 0).sort((a, b) => a - b));
      }),
    );
  });
});
