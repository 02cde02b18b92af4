/**
 * A binary min-heap of values keyed by a number (an instant, epoch ms), stored in two parallel
 * arrays so that pushing does not allocate an entry object. Used by the metrics engine to find the
 * next open dossier or task whose classification changes with no event (due soon, overdue).
 * Equal keys pop in no particular order.
 */
export class MinHeap<T> {
  private keys: number[] = [];
  private values: T[] = [];

  /** Number of entries, stale ones included (the engine deletes lazily). */
  get size(): number {
    return this.keys.length;
  }

  /** Adds `value` under `key` (epoch ms). O(log n). */
  push(key: number, value: T): void {
    this.keys.push(key);
    this.values.push(value);
    this.siftUp(this.keys.length - 1);
  }

  /** The smallest key, or +Infinity when empty. */
  peekKey(): number {
    return this.keys.length === 0 ? Number.POSITIVE_INFINITY : this.keys[0];
  }

  /** Removes and returns the value with the smallest key, or undefined when empty. O(log n). */
  pop(): T | undefined {
    const n = this.keys.length;
    if (n === 0) return undefined;
    const top = this.values[0];
    const lastKey = this.keys.pop() as number;
    const lastValue = this.values.pop() as T;
    if (n > 1) {
      this.keys[0] = lastKey;
      this.values[0] = lastValue;
      this.siftDown(0);
    }
    return top;
  }

  /** Keeps only the entries for which `keep(value, key)` is true, then re-heapifies. O(n). */
  retain(keep: (value: T, key: number) => boolean): void {
    const keys: number[] = [];
    const values: T[] = [];
    for (let i = 0; i < this.keys.length; i++) {
      if (keep(this.values[i], this.keys[i])) {
        keys.push(this.keys[i]);
        values.push(this.values[i]);
      }
    }
    this.keys = keys;
    this.values = values;
    // Floyd's heapify: sift down every internal node, bottom-up.
    for (let i = (keys.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftUp(i: number): void {
    const { keys, values } = this;
    const key = keys[i];
    const value = values[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      values[i] = values[parent];
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  private siftDown(i: number): void {
    const { keys, values } = this;
    const n = keys.length;
    const key = keys[i];
    const value = values[i];
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && keys[right] < keys[left] ? right : left;
      if (keys[child] >= key) break;
      keys[i] = keys[child];
      values[i] = values[child];
      i = child;
    }
    keys[i] = key;
    values[i] = value;
  }
}
