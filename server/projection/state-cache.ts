/**
 * The states the projection writer wrote last, so that most events of a pass fold without reading
 * and parsing their row back. Bounded: the oldest entries are evicted (Map iteration order is
 * insertion order; a touch re-inserts). Entries are set only after their rows committed.
 */
export class StateCache<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly capacity: number) {}

  get(id: string): T | undefined {
    return this.map.get(id);
  }

  set(id: string, state: T): void {
    this.map.delete(id);
    this.map.set(id, state);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
  }

  delete(id: string): void {
    this.map.delete(id);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
