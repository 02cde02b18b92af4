import { describe, expect, it } from 'vitest';
import { connectionStatus, lastTickHolds, STALE_AFTER_MS } from '../../../client/realtime/connection';

describe('connectionStatus', () => {
  const t0 = 1_000_000;

  it('is reconnecting while the socket is down', () => {
    expect(connectionStatus({ connected: false, connectedAt: t0, lastTickAt: t0 }, t0)).toBe('reconnecting');
    expect(connectionStatus({ connected: false, connectedAt: null, lastTickAt: null }, t0)).toBe('reconnecting');
  });

  it('is live right after connecting, before the first tick', () => {
    expect(connectionStatus({ connected: true, connectedAt: t0, lastTickAt: null }, t0 + 4_000)).toBe('live');
  });

  it('is stale when no clock tick came for 15 s', () => {
    const c = { connected: true, connectedAt: t0, lastTickAt: t0 + 5_000 };
    expect(connectionStatus(c, t0 + 5_000 + STALE_AFTER_MS)).toBe('live');
    expect(connectionStatus(c, t0 + 5_001 + STALE_AFTER_MS)).toBe('stale');
  });
});

describe('lastTickHolds', () => {
  it('holds for 15 s after a tick, then not; never before the first tick', () => {
    expect(lastTickHolds({ lastTickAt: 1_000 }, 1_000 + STALE_AFTER_MS)).toBe(true);
    expect(lastTickHolds({ lastTickAt: 1_000 }, 1_001 + STALE_AFTER_MS)).toBe(false);
    expect(lastTickHolds({ lastTickAt: null }, 1_000)).toBe(false);
  });
});
