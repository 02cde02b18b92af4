import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

describe('loadConfig: metrics and clock-skew settings', () => {
  it('leaves /metrics closed by default and warns of a clock skew past 15 minutes', () => {
    const c = loadConfig({});
    expect(c.METRICS_TOKEN).toBeUndefined();
    expect(c.METRICS_ALLOW).toEqual([]);
    expect(c.CLOCK_SKEW_WARN_MINUTES).toBe(15);
  });

  it('reads a token, an allow-list of addresses and CIDRs, and the warning threshold', () => {
    const c = loadConfig({ METRICS_TOKEN: 'a-long-enough-token', METRICS_ALLOW: '127.0.0.1, 10.0.0.0/8', CLOCK_SKEW_WARN_MINUTES: '30' });
    expect(c.METRICS_TOKEN).toBe('a-long-enough-token');
    expect(c.METRICS_ALLOW).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(c.CLOCK_SKEW_WARN_MINUTES).toBe(30);
  });

  it('stops the start on a host name in METRICS_ALLOW, a short token or a zero threshold, naming each', () => {
    let err: unknown;
    try {
      loadConfig({ METRICS_TOKEN: 'short', METRICS_ALLOW: 'prometheus.local', CLOCK_SKEW_WARN_MINUTES: '0' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toContain('METRICS_TOKEN: must be at least 16 characters');
    expect(message).toContain('METRICS_ALLOW: "prometheus.local" is not an IPv4/IPv6 address or CIDR');
    expect(message).toContain('CLOCK_SKEW_WARN_MINUTES');
  });
});
