/**
 * The write gate counts this thread's waits for a lock the other thread holds (bench/ingest-http.ts
 * reports them: how long ingest stood behind the projection writer), and nothing when the lock is free.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { WriteGate } from '../../../server/db/write-gate.js';

/**
 * The other side: takes the lock (cell 0) as it would, says so (cell 2), and lets go once the side with
 * priority waits for it (cell 1, which that side raises before it waits).
 */
const HOLDER = `
const { workerData } = require('node:worker_threads');
const c = new Int32Array(workerData);
while (Atomics.compareExchange(c, 0, 0, 1) !== 0) Atomics.wait(c, 0, 1, 50);
Atomics.store(c, 2, 1);
while (Atomics.load(c, 1) === 0) Atomics.wait(c, 1, 0, 50);
Atomics.store(c, 0, 0);
Atomics.notify(c, 0);
`;

describe('the write gate', () => {
  it('counts a wait for the lock the other thread holds, and none while the lock is free', async () => {
    // Cells 0–1 are the gate's; cell 2 the holder's "I hold it".
    const buffer = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
    const cells = new Int32Array(buffer);
    const gate = new WriteGate(buffer);

    expect(gate.run(true, () => 'free')).toBe('free');
    expect(gate.waits).toEqual({ count: 0, ms: 0 });

    const holder = new Worker(HOLDER, { eval: true, workerData: buffer });
    try {
      while (Atomics.load(cells, 2) === 0) await new Promise((r) => setTimeout(r, 10));
      expect(gate.run(true, () => 'after the holder')).toBe('after the holder');
    } finally {
      await holder.terminate();
    }
    expect(gate.waits.count).toBe(1);
    expect(gate.waits.ms).toBeGreaterThanOrEqual(0);
  });
});
