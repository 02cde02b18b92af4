/**
 * The latest states the asynchronous ingest path holds (async-ingest.ts), bounded: the oldest set is
 * dropped past the capacity, and folded again from its log when an event of it arrives.
 */

/** About the open backlog of a large city, as the write-behind keeps (projection/write-behind.ts). */
const DEFAULT_CAPACITY = 400_000;

export class ItemStates<T> {
  private readonly states = new Map<string, T>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  has(id: string): boolean {
    return this.states.has(id);
  }

  get(id: string): T | undefined {
    return this.states.get(id);
  }

  /** The item's state after a committed batch: the newest held. */
  set(id: string, state: T): void {
    this.states.delete(id);
    this.states.set(id, state);
    while (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value as string);
  }

  get size(): number {
    return this.states.size;
  }
}
