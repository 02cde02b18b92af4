/**
 * The latest states of recently touched items, so the hot ingest path folds in memory instead of
 * reading and parsing the projection row for every event. Bounded: the oldest entries are evicted
 * (Map iteration order is insertion order; a touch re-inserts). Items are cached only after their
 * transaction committed, so a rolled-back batch never leaves a state the store does not have.
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

  get size(): number {
    return this.map.size;
  }
}
