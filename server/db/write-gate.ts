/**
 * A write lock shared by the main thread's connection and the projection writer's (two threads, one
 * SQLite file), taken around each write transaction. SQLite would serialise them anyway, but a
 * connection that finds the database locked sleeps in its busy handler (1, 2, 5, 10 ms…) and may
 * oversleep the other's commit; here the waiter is woken the moment the lock is released. The main
 * thread has priority: while it waits, the writer starts no new transaction.
 *
 * Lives in a SharedArrayBuffer so both threads see it; Atomics.wait blocks only the waiting thread.
 */
export class WriteGate {
  private readonly cells: Int32Array;
  /** This thread's waits for the lock held by the other side: how many, and for how long in all (ms). */
  private readonly waited = { count: 0, ms: 0 };

  /** `buffer`: from WriteGate.createBuffer(), shared with the other thread. */
  constructor(buffer: SharedArrayBuffer) {
    this.cells = new Int32Array(buffer);
  }

  static createBuffer(): SharedArrayBuffer {
    return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  }

  get buffer(): SharedArrayBuffer {
    return this.cells.buffer as SharedArrayBuffer;
  }

  /** Runs fn holding the lock. `priority`: the main thread, which the projection writer lets go first. */
  run<T>(priority: boolean, fn: () => T): T {
    this.acquire(priority);
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  /**
   * How often and how long (ms, in all) this thread found the lock held and waited for it: for the
   * main thread, the time ingest spent behind the projection writer (bench/ingest-http.ts reports it).
   */
  get waits(): { count: number; ms: number } {
    return { ...this.waited };
  }

  /** True while the side with priority waits for the lock: the other should end its transaction soon. */
  get priorityWaiting(): boolean {
    return Atomics.load(this.cells, WANTED) > 0;
  }

  private acquire(priority: boolean): void {
    const c = this.cells;
    if (priority) Atomics.add(c, WANTED, 1);
    else while (Atomics.load(c, WANTED) > 0) Atomics.wait(c, WANTED, Atomics.load(c, WANTED), WAIT_SLICE_MS);
    if (Atomics.compareExchange(c, LOCK, 0, 1) !== 0) {
      // Timed only when held: the uncontended path reads no clock.
      const start = performance.now();
      while (Atomics.compareExchange(c, LOCK, 0, 1) !== 0) Atomics.wait(c, LOCK, 1, WAIT_SLICE_MS);
      this.waited.count++;
      this.waited.ms += performance.now() - start;
    }
    if (priority) {
      Atomics.sub(c, WANTED, 1);
      Atomics.notify(c, WANTED);
    }
  }

  private release(): void {
    Atomics.store(this.cells, LOCK, 0);
    Atomics.notify(this.cells, LOCK);
  }
}

const LOCK = 0;
const WANTED = 1;
/** Waits are re-checked this often (a missed wake-up costs at most this). */
const WAIT_SLICE_MS = 50;
