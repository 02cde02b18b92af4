import { describe, expect, it } from 'vitest';
import { pixelShiftAt, SHIFT_AMPLITUDE_PX, SHIFT_PERIOD_MS, SHIFT_POSITIONS } from '../../../../client/features/wall/pixel-shift';

describe('pixelShiftAt (burn-in protection)', () => {
  it('starts centred and stays put within one period', () => {
    expect(pixelShiftAt(0)).toEqual({ x: 0, y: 0 });
    expect(pixelShiftAt(SHIFT_PERIOD_MS - 1)).toEqual({ x: 0, y: 0 });
  });

  it('moves by a few pixels every period, never further than the amplitude', () => {
    const offsets = Array.from({ length: SHIFT_POSITIONS }, (_, i) => pixelShiftAt(i * SHIFT_PERIOD_MS));
    for (const o of offsets) {
      expect(Math.abs(o.x)).toBeLessThanOrEqual(SHIFT_AMPLITUDE_PX);
      expect(Math.abs(o.y)).toBeLessThanOrEqual(SHIFT_AMPLITUDE_PX);
    }
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]).not.toEqual(offsets[i - 1]);
    // Every position of the orbit is used once per cycle, then it starts over.
    expect(new Set(offsets.map((o) => `${o.x},${o.y}`)).size).toBe(SHIFT_POSITIONS);
    expect(pixelShiftAt(SHIFT_POSITIONS * SHIFT_PERIOD_MS)).toEqual(offsets[0]);
  });

  it('is the same on every screen at the same time and works on real clock values', () => {
    const now = Date.parse('2026-11-20T09:00:00+07:00');
    expect(pixelShiftAt(now)).toEqual(pixelShiftAt(now));
    const o = pixelShiftAt(now, 60_000, 6);
    expect(Math.abs(o.x)).toBeLessThanOrEqual(6);
  });

  it('stays centred for nonsense input', () => {
    expect(pixelShiftAt(Number.NaN)).toEqual({ x: 0, y: 0 });
    expect(pixelShiftAt(1_000, 0)).toEqual({ x: 0, y: 0 });
  });
});
