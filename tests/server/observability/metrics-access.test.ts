import { describe, expect, it } from 'vitest';
import { metricsAccess, parseAllowList } from '../../../server/observability/metrics-access.js';
import { ruleOf } from '../../../server/observability/ops-metrics.js';

const TOKEN = 'scrape-token-0123456789';

describe('parseAllowList (METRICS_ALLOW)', () => {
  it('accepts addresses and CIDRs of both families, with spaces and empty entries', () => {
    expect(parseAllowList(' 127.0.0.1, 10.0.0.0/8,,::1, fd00::/8 ')).toEqual({
      ok: true,
      entries: ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8'],
    });
    expect(parseAllowList('')).toEqual({ ok: true, entries: [] });
  });

  it.each(['localhost', '10.0.0.0/33', '10.0.0/8', '::1/129', '10.0.0.1/8/2', '10.0.0.0/x'])('refuses %s, naming it', (bad) => {
    const r = parseAllowList(`127.0.0.1,${bad}`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toContain(`"${bad}"`);
  });
});

describe('metricsAccess', () => {
  it('is not configured (404) with neither a token nor an allow-list, whoever asks', () => {
    const access = metricsAccess({ token: null, allow: [] });
    expect(access({ address: '127.0.0.1', authorization: `Bearer ${TOKEN}` })).toBe('not_configured');
  });

  it('with a token: needs exactly that bearer token, from any address', () => {
    const access = metricsAccess({ token: TOKEN, allow: [] });
    expect(access({ address: '203.0.113.9', authorization: `Bearer ${TOKEN}` })).toBe('allowed');
    expect(access({ address: '203.0.113.9', authorization: `bearer ${TOKEN}` })).toBe('allowed');
    expect(access({ address: '127.0.0.1', authorization: undefined })).toBe('unauthorized');
    expect(access({ address: '127.0.0.1', authorization: `Bearer ${TOKEN}x` })).toBe('unauthorized');
    expect(access({ address: '127.0.0.1', authorization: TOKEN })).toBe('unauthorized');
  });

  it('with an allow-list: open to its addresses and subnets, IPv4 seen through IPv6 included', () => {
    const access = metricsAccess({ token: null, allow: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'] });
    expect(access({ address: '127.0.0.1', authorization: undefined })).toBe('allowed');
    expect(access({ address: '10.20.30.40', authorization: undefined })).toBe('allowed');
    expect(access({ address: '::ffff:10.1.2.3', authorization: undefined })).toBe('allowed');
    expect(access({ address: 'fd12::5', authorization: undefined })).toBe('allowed');
    expect(access({ address: '11.0.0.1', authorization: undefined })).toBe('forbidden');
    expect(access({ address: '::1', authorization: undefined })).toBe('forbidden');
    expect(access({ address: undefined, authorization: undefined })).toBe('forbidden');
  });

  it('with both: needs the address and the token', () => {
    const access = metricsAccess({ token: TOKEN, allow: ['10.0.0.0/8'] });
    expect(access({ address: '10.0.0.5', authorization: `Bearer ${TOKEN}` })).toBe('allowed');
    expect(access({ address: '10.0.0.5', authorization: undefined })).toBe('unauthorized');
    expect(access({ address: '192.168.1.1', authorization: `Bearer ${TOKEN}` })).toBe('forbidden');
  });
});

describe('ruleOf (the rule label of a rejected event)', () => {
  it('is the field the error names, array indexes folded so that labels stay few', () => {
    expect(ruleOf('unit')).toBe('unit');
    expect(ruleOf('handler.unit')).toBe('handler.unit');
    expect(ruleOf('items.3.code')).toBe('items[].code');
    expect(ruleOf('items.12')).toBe('items[]');
    expect(ruleOf('')).toBe('(event)');
    expect(ruleOf('x'.repeat(100))).toHaveLength(64);
  });
});
