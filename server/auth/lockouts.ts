/**
 * Failed-login lockouts behind one asynchronous interface: in this process's memory (one node, the
 * default), or in Redis (several nodes: server/cluster/redis-lockouts.ts), so a lock holds on every node.
 */
import { createLockout, type LockoutOptions } from './rate-limit.js';

export interface Lockouts {
  /** ms left of the key's lock, or 0. */
  lockedFor(key: string, now: number): Promise<number>;
  /** Records a failure; the lock's length when this failure locked the key, else 0. */
  fail(key: string, now: number): Promise<number>;
  /** A successful login forgets the key's failures. */
  succeed(key: string): Promise<void>;
}

/** Makes the lockouts of one kind of key ('user': usernames, 'ip': addresses). */
export type LockoutsFactory = (kind: 'user' | 'ip', opts: LockoutOptions) => Lockouts;

export const memoryLockouts: LockoutsFactory = (_kind, opts) => {
  const l = createLockout(opts);
  return {
    lockedFor: async (key, now) => l.lockedFor(key, now),
    fail: async (key, now) => l.fail(key, now),
    succeed: async (key) => l.succeed(key),
  };
};
