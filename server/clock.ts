/** The one source of "now" for the server; injected everywhere so tests and the simulator can move time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that runs `speed` times faster than real time from `startAt` (SIM_SPEED and SIM_START for
 * demos and soak tests). With speed 1 and no start it is the system clock.
 */
export function acceleratedClock(speed: number, startAt?: number, realNow: () => number = Date.now): Clock {
  if (speed === 1 && startAt === undefined) return { now: realNow };
  const realStart = realNow();
  startAt ??= realStart;
  return { now: () => Math.floor(startAt + (realNow() - realStart) * speed) };
}

/** A clock tests set by hand. */
export function manualClock(start: number): Clock & { set(t: number): void; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    set: (v) => {
      t = v;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
