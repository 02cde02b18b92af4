import { describe, expect, it } from 'vitest';
import { acceleratedClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';

describe('the demo city clock (SIM_START, SIM_SPEED)', () => {
  it('starts at SIM_START and runs at real speed from there', () => {
    let real = 1_000_000;
    const start = Date.parse('2026-12-06T10:00:00+07:00');
    const clock = acceleratedClock(1, start, () => real);
    expect(clock.now()).toBe(start);
    real += 60_000;
    expect(clock.now()).toBe(start + 60_000);
  });

  it('is the system clock with neither a start nor a speed', () => {
    const clock = acceleratedClock(1, undefined, () => 42);
    expect(clock.now()).toBe(42);
  });

  it('refuses a SIM_START without an offset, saying how to write it', () => {
    expect(() => loadConfig({ SIM_START: '2026-12-04 09:30' })).toThrow(/SIM_START.*offset/);
    expect(loadConfig({ SIM_START: '2026-12-04T09:30:00+07:00' }).SIM_START).toBe('2026-12-04T09:30:00+07:00');
  });
});
