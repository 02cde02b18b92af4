/** Retry delays for the wall's own requests (display identity, preset, jurisdiction). Pure. */

export interface BackoffOptions {
  /** Delay of the first retry, ms. */
  baseMs: number;
  /** Upper bound of any delay, ms (so a wall is back within this long after the server is). */
  maxMs: number;
  /** Growth per attempt. */
  factor: number;
  /** Random spread as a share of the delay (0.2 = ±20 %), so many screens do not retry in step. */
  jitter: number;
}

/** 1 s, 2 s, 4 s, 8 s, then 10 s: as the socket's own reconnection (socket.ts). */
export const WALL_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 10_000, factor: 2, jitter: 0.2 };

/**
 * Delay before retry number `attempt` (0 = the first retry), ms.
 * @param random a source of [0, 1) numbers (Math.random by default; fixed in tests).
 */
export function backoffDelayMs(attempt: number, o: BackoffOptions = WALL_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(0, Math.floor(attempt));
  // factor ** n overflows to Infinity for large n; min() keeps it at maxMs.
  const raw = Math.min(o.maxMs, o.baseMs * Math.pow(o.factor, n));
  const spread = raw * o.jitter;
  const d = raw - spread + random() * 2 * spread;
  return Math.round(Math.min(o.maxMs, Math.max(0, d)));
}
