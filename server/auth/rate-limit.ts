/**
 * In-memory limiters (one process; with several nodes the request limits live in Redis:
 * server/cluster/redis-rate-limits.ts). Both take the clock as an argument so tests move time by hand
 * instead of waiting.
 */

export type Take = { ok: true } | { ok: false; retryAfterMs: number };

/** Request limits of one kind behind one asynchronous interface (this process, or Redis for every node). */
export interface RateLimiter {
  /** Takes one token for `key`; when none is left, how long until one is (ms). */
  take(key: string, now: number): Promise<Take>;
}

/** Makes the limiter named `name` ('ingest', 'ingest-unauthenticated'): `perMinute` requests, `capacity` at once. */
export type RateLimitsFactory = (name: string, opts: { perMinute: number; capacity?: number }) => RateLimiter;

export const memoryRateLimits: RateLimitsFactory = (_name, opts) => {
  const b = createTokenBuckets(opts);
  return { take: async (key, now) => b.take(key, now) };
};

/** A token bucket per key: `capacity` requests at once, refilled at `perMinute`. */
export function createTokenBuckets(opts: { perMinute: number; capacity?: number; maxKeys?: number }) {
  const capacity = opts.capacity ?? opts.perMinute;
  const refillPerMs = opts.perMinute / 60_000;
  const maxKeys = opts.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes one token for `key`; when none is left, how long until one is (ms). */
    take(key: string, now: number): Take {
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) buckets.clear();
        b = { tokens: capacity, at: now };
        buckets.set(key, b);
      }
      b.tokens = Math.min(capacity, b.tokens + Math.max(0, now - b.at) * refillPerMs);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterMs: Math.ceil((1 - b.tokens) / refillPerMs) };
    },
  };
}

export interface LockoutOptions {
  /** Failed attempts within `windowMs` that lock the key. */
  maxFailures: number;
  windowMs: number;
  /** How long a locked key stays locked. */
  lockMs: number;
  maxKeys?: number;
}

/**
 * Counts failed logins per key (a username, an address) and locks the key for `lockMs` once it has
 * `maxFailures` within `windowMs`. While locked, even the right password is refused.
 */
export function createLockout(opts: LockoutOptions) {
  const maxKeys = opts.maxKeys ?? 50_000;
  const state = new Map<string, { failures: number[]; lockedUntil: number }>();
  return {
    /** ms left of the key's lock, or 0. */
    lockedFor(key: string, now: number): number {
      const s = state.get(key);
      return s && s.lockedUntil > now ? s.lockedUntil - now : 0;
    },
    /** Records a failure; returns the lock's length when this failure locked the key, else 0. */
    fail(key: string, now: number): number {
      let s = state.get(key);
      if (!s) {
        if (state.size >= maxKeys) state.clear();
        s = { failures: [], lockedUntil: 0 };
        state.set(key, s);
      }
      s.failures = s.failures.filter((t) => t > now - opts.windowMs);
      s.failures.push(now);
      if (s.failures.length >= opts.maxFailures) {
        s.failures = [];
        s.lockedUntil = now + opts.lockMs;
        return opts.lockMs;
      }
      return 0;
    },
    /** A successful login forgets the key's failures. */
    succeed(key: string): void {
      state.delete(key);
    },
  };
}
