import { describe, expect, it } from 'vitest';
import { dayMonth, hourMinute, vnDay, wallFreshness, WALL_STALE_AFTER_MS } from '../../../../client/features/wall/freshness';

describe('wallFreshness (the staleness clock)', () => {
  const t0 = 1_700_000_000_000;
  const base = { connected: true, lastTickAt: t0, startedAt: t0 - 60_000, synced: true };

  it('is live while ticks arrive and the snapshot is current', () => {
    expect(wallFreshness({ ...base, now: t0 + 5_000 })).toBe('live');
  });

  it('turns stale when no clock tick came for 15 s, connected or not', () => {
    expect(wallFreshness({ ...base, now: t0 + WALL_STALE_AFTER_MS })).toBe('live');
    expect(wallFreshness({ ...base, now: t0 + WALL_STALE_AFTER_MS + 1 })).toBe('stale');
    expect(wallFreshness({ ...base, connected: false, now: t0 + WALL_STALE_AFTER_MS + 1 })).toBe('stale');
  });

  it('says reconnecting, not stale, during a short drop or while the snapshot is fetched again', () => {
    expect(wallFreshness({ ...base, connected: false, now: t0 + 3_000 })).toBe('reconnecting');
    expect(wallFreshness({ ...base, synced: false, now: t0 + 3_000 })).toBe('reconnecting');
  });

  it('counts from the wall start before the first tick, so a wall that never hears anything turns stale', () => {
    const fresh = { ...base, lastTickAt: null, startedAt: t0, connected: false };
    expect(wallFreshness({ ...fresh, now: t0 + 10_000 })).toBe('reconnecting');
    expect(wallFreshness({ ...fresh, now: t0 + 15_001 })).toBe('stale');
  });

  it('clears as soon as a tick arrives again after an outage', () => {
    const after = { ...base, lastTickAt: t0 + 120_000, synced: true };
    expect(wallFreshness({ ...after, now: t0 + 120_500 })).toBe('live');
  });
});

describe('hourMinute', () => {
  it('shows a server instant as HH:MM in Vietnam time', () => {
    expect(hourMinute('2026-11-20T09:05:59+07:00')).toBe('09:05');
    expect(hourMinute('2026-11-20T02:30:00Z')).toBe('09:30');
  });

  it('is null when unknown', () => {
    expect(hourMinute(null)).toBeNull();
    expect(hourMinute('not a date')).toBeNull();
  });
});

describe('vnDay and dayMonth', () => {
  it('date an instant by the Vietnam calendar (UTC+7), so 23:30 UTC is already the next day', () => {
    expect(vnDay('2026-11-20T23:30:00Z')).toBe('2026-11-21');
    expect(vnDay('2026-11-20T09:00:00+07:00')).toBe('2026-11-20');
    expect(dayMonth('2026-11-20T23:30:00Z')).toBe('21/11');
    expect(vnDay(null)).toBeNull();
  });
});
