/** The simulator's event queue: every planned event waits here, ordered, until it is emitted. */

/**
 * Min-heap of events keyed by (at, ord), where ord = (arrival order × 64 + position in the
 * item's plan): ties are broken the same way however the time range is chunked. Every planned
 * event sits in the queue until emitted, so popping hands back the event itself; keys live in
 * typed arrays so sifting reads contiguous numbers instead of chasing pointers across a large heap.
 */
export class EventQueue<E> {
  private at = new Float64Array(4096);
  private ord = new Float64Array(4096);
  private values: (E | undefined)[] = [];
  private n = 0;
  /** `ord` of the entry the last pop() returned. */
  poppedOrd = 0;

  get size(): number {
    return this.n;
  }

  /** Smallest `at`, or +Infinity when empty. */
  peekAt(): number {
    return this.n === 0 ? Number.POSITIVE_INFINITY : this.at[0]!;
  }

  push(keyAt: number, keyOrd: number, value: E): void {
    if (this.n === this.at.length) {
      const grownAt = new Float64Array(this.n * 2);
      grownAt.set(this.at);
      this.at = grownAt;
      const grownOrd = new Float64Array(this.n * 2);
      grownOrd.set(this.ord);
      this.ord = grownOrd;
    }
    const at = this.at;
    const ord = this.ord;
    const values = this.values;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = at[parent]!;
      if (pa < keyAt || (pa === keyAt && ord[parent]! < keyOrd)) break;
      at[i] = pa;
      ord[i] = ord[parent]!;
      values[i] = values[parent];
      i = parent;
    }
    at[i] = keyAt;
    ord[i] = keyOrd;
    values[i] = value;
  }

  /** Removes and returns the smallest entry; the queue must not be empty. */
  pop(): E {
    const at = this.at;
    const ord = this.ord;
    const values = this.values;
    const top = values[0] as E;
    this.poppedOrd = ord[0]!;
    const n = --this.n;
    const lastAt = at[n]!;
    const lastOrd = ord[n]!;
    const last = values[n];
    // Clear the slot rather than shrinking the array (resizing on every pop was measurable).
    values[n] = undefined;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      const r = l + 1;
      if (r < n && (at[r]! < at[l]! || (at[r] === at[l] && ord[r]! < ord[l]!))) c = r;
      const ca = at[c]!;
      if (lastAt < ca || (lastAt === ca && lastOrd <= ord[c]!)) break;
      at[i] = ca;
      ord[i] = ord[c]!;
      values[i] = values[c];
      i = c;
    }
    at[i] = lastAt;
    ord[i] = lastOrd;
    values[i] = last;
    return top;
  }
}

/** Plans longer than this would break the ordering key (they are far shorter: ≤ ~15 events). */
export const MAX_PLAN_LENGTH = 64;

/**
 * One kind of planned event (dossier or task events) waiting to be emitted: the queue, the injected
 * faults of queued events, and counts of what has been emitted. Faults sit in a map beside the
 * queue, keyed by ordering key (they are rare, and draining then never touches the event objects).
 */
export class EventLane<E extends { id: string }, F extends string> {
  private readonly queue = new EventQueue<E>();
  private readonly faults = new Map<number, F>();
  /** Events emitted so far. */
  emitted = 0;
  /** Items (dossiers, tasks) whose first event has been emitted. */
  started = 0;

  /**
   * @param injected every emitted faulty event's id and kind (shared by the lanes of a generator)
   * @param injectedCounts emitted faulty events by kind (shared likewise)
   */
  constructor(
    private readonly injected: Map<string, F>,
    private readonly injectedCounts: Record<F, number>,
  ) {}

  /** Events queued and not yet emitted. */
  get size(): number {
    return this.queue.size;
  }

  /** Queues the event at `position` of the plan of the item that arrived `ord`-th. */
  push(at: number, ord: number, position: number, event: E, fault: F | undefined): void {
    const key = ord * MAX_PLAN_LENGTH + position;
    if (fault !== undefined) this.faults.set(key, fault);
    this.queue.push(at, key, event);
  }

  /** Moves every queued event before `limit` to `out`, in order; those before `fromMs` are dropped (a skipped gap). */
  drain(limit: number, fromMs: number, out: E[]): void {
    const queue = this.queue;
    while (queue.peekAt() < limit) {
      const t = queue.peekAt();
      const ev = queue.pop();
      const key = queue.poppedOrd;
      const fault = this.faults.get(key);
      if (fault !== undefined) this.faults.delete(key);
      if (t < fromMs) continue;
      out.push(ev);
      this.emitted++;
      if (key % MAX_PLAN_LENGTH === 0) this.started++; // position 0 is the receipt or the assignment
      if (fault !== undefined) {
        this.injectedCounts[fault]++;
        this.injected.set(ev.id, fault);
      }
    }
  }
}
