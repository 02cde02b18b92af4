/**
 * Burn-in protection: the whole wall moves by a few pixels every few minutes, along a small orbit
 * (centre, then the eight neighbours), so no edge sits on the same pixels for hours. Pure.
 */

export const SHIFT_PERIOD_MS = 3 * 60_000;
/** Offset step in pixels of a 1080-line screen (scaled with the screen by the CSS). */
export const SHIFT_AMPLITUDE_PX = 4;

const ORBIT: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
];

/** Positions in one cycle of the orbit. */
export const SHIFT_POSITIONS = ORBIT.length;

/** The offset at wall-clock time `nowMs`: the same for every screen at the same time, changing once per period. */
export function pixelShiftAt(
  nowMs: number,
  periodMs: number = SHIFT_PERIOD_MS,
  amplitudePx: number = SHIFT_AMPLITUDE_PX,
): { x: number; y: number } {
  if (!(periodMs > 0) || !Number.isFinite(nowMs)) return { x: 0, y: 0 };
  const step = Math.floor(nowMs / periodMs);
  const [dx, dy] = ORBIT[((step % ORBIT.length) + ORBIT.length) % ORBIT.length];
  return { x: dx * amplitudePx, y: dy * amplitudePx };
}
