/**
 * The sessions this process resolved, kept between the writes that change them (issue 15: every request
 * read its session and its user from the store, two reads for an answer that is otherwise kept). Used
 * only where every write to sessions and users goes through this process (one node without Redis;
 * with several nodes a logout on one must end the session on all, so each request reads Redis). An
 * entry goes at once on a logout, when its user's sessions end, and on any write to its user; it is
 * read again after `maxAgeMs` anyway (another process's write to the file: `user:add --replace`), and
 * never answered past its session's expiry.
 */
export interface KeptSession {
  userId: number;
  expiresAt: number;
}

export interface SessionCache<T extends KeptSession> {
  /** The entry of a session id still valid at `now`, or undefined. */
  get(sessionId: string, now: number): T | undefined;
  /**
   * Keeps a value read while `generation` was `since`; not when anything was forgotten since (a logout
   * between the read and now would otherwise be undone).
   */
  set(sessionId: string, value: T, now: number, since: number): void;
  /** Moves on every forget. */
  readonly generation: number;
  forget(sessionId: string): void;
  forgetUser(userId: number): void;
  clear(): void;
  readonly size: number;
}

export function createSessionCache<T extends KeptSession>(maxAgeMs: number, maxEntries = 10_000): SessionCache<T> {
  const kept = new Map<string, { value: T; keptAt: number }>();
  let generation = 0;
  return {
    get(sessionId, now) {
      const e = kept.get(sessionId);
      if (e === undefined) return undefined;
      // A clock moved back (tests move the auth clock) counts as aged out too.
      if (now >= e.value.expiresAt || now - e.keptAt >= maxAgeMs || now < e.keptAt) {
        kept.delete(sessionId);
        return undefined;
      }
      return e.value;
    },
    set(sessionId, value, now, since) {
      if (since !== generation) return;
      kept.delete(sessionId);
      // The oldest first out: a Map iterates in insertion order.
      if (kept.size >= maxEntries) kept.delete(kept.keys().next().value as string);
      kept.set(sessionId, { value, keptAt: now });
    },
    forget(sessionId) {
      generation++;
      kept.delete(sessionId);
    },
    forgetUser(userId) {
      generation++;
      for (const [id, e] of kept) if (e.value.userId === userId) kept.delete(id);
    },
    clear() {
      generation++;
      kept.clear();
    },
    get generation() {
      return generation;
    },
    get size() {
      return kept.size;
    },
  };
}

/** The users store's methods that write a user's row. */
const USER_WRITES = ['create', 'upsert', 'update', 'setPasswordHash', 'disable', 'enable', 'markLogin'] as const;

/** `users` whose writes call `forget` once they are done (so no kept session outlives a change to its user). */
export function forgettingOnWrites<U extends Record<(typeof USER_WRITES)[number], (...args: never[]) => Promise<unknown>>>(
  users: U,
  forget: () => void,
): U {
  // Its reads inherited as they are (an object literal's or a class's methods alike).
  const out = Object.create(users) as U;
  for (const m of USER_WRITES) {
    const write = users[m] as (...args: unknown[]) => Promise<unknown>;
    (out as Record<string, unknown>)[m] = (...args: unknown[]) => write.apply(users, args).finally(forget);
  }
  return out;
}
