import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOverviewCache, overviewBytes, pickEncoding } from '../../../server/http/overview-cache.js';

describe('overview bytes', () => {
  it('are the JSON of asOf first and then the figures, for any figures', () => {
    fc.assert(
      // Keys as the wire's are (named, never integer-like: an object lists those first whatever the order).
      fc.property(
        fc.dictionary(
          fc.string().map((k) => `k${k}`),
          fc.jsonValue(),
        ),
        fc.string(),
        (rest, asOf) => {
          const b = overviewBytes(asOf, rest, 1, 0);
          expect(b.json.toString()).toBe(JSON.stringify({ asOf, ...rest }));
        },
      ),
    );
  });

  it('carry a weak ETag of the figures alone: the same whatever asOf, another for other figures', () => {
    const a = overviewBytes('2026-11-20T09:00:00.000+07:00', { city: { received: 3 } }, 1, 0);
    const b = overviewBytes('2026-11-20T09:00:05.000+07:00', { city: { received: 3 } }, 2, 5_000);
    const c = overviewBytes('2026-11-20T09:00:05.000+07:00', { city: { received: 4 } }, 2, 5_000);
    expect(a.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(b.etag).toBe(a.etag);
    expect(c.etag).not.toBe(a.etag);
  });
});

describe('pickEncoding', () => {
  it('prefers brotli on a tie, as the compression middleware does', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
  });
  it('follows the q values and refusals', () => {
    expect(pickEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=0, br;q=0')).toBeNull();
    expect(pickEncoding('gzip, deflate')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*, br;q=0')).toBe('gzip');
  });
  it('answers the same for a header seen before, whatever came between', () => {
    const headers = ['gzip, deflate, br', 'br;q=0.5, gzip', 'identity', 'gzip;q=0, br;q=0', '*, br;q=0'];
    const first = headers.map((h) => pickEncoding(h));
    for (let i = 0; i < 200; i++) pickEncoding(`x-${i}, gzip`);
    expect(headers.map((h) => pickEncoding(h))).toEqual(first);
    expect(first).toEqual(['br', 'gzip', null, null, 'gzip']);
  });
  it('answers the identity without a header or with encodings it does not keep', () => {
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding('')).toBeNull();
    expect(pickEncoding('deflate')).toBeNull();
    expect(pickEncoding('identity')).toBeNull();
  });
});

describe('createOverviewCache', () => {
  function setup(entries = 32) {
    const state = { revision: 1, now: 10_000, builds: 0 };
    const cache = createOverviewCache({ revision: () => state.revision, now: () => state.now, entries, reuseMs: 1_000 });
    const get = (key: string) =>
      cache.get(key, (rev, now) => {
        state.builds++;
        return overviewBytes(String(now), { key }, rev, now);
      });
    return { state, cache, get };
  }

  it('reuses a view while the revision is the same and for less than the reuse time', () => {
    const { state, get } = setup();
    const first = get('month|all');
    state.now += 999;
    expect(get('month|all')).toBe(first);
    expect(state.builds).toBe(1);
    state.now += 1;
    expect(get('month|all')).not.toBe(first);
    expect(state.builds).toBe(2);
  });

  it('builds again once the revision moves, and when the clock goes back', () => {
    const { state, get } = setup();
    const first = get('month|all');
    state.revision++;
    const second = get('month|all');
    expect(second).not.toBe(first);
    state.now -= 1;
    expect(get('month|all')).not.toBe(second);
    expect(state.builds).toBe(3);
  });

  it('tells a current kept view without building one, and none once it is stale', () => {
    const { state, cache, get } = setup();
    expect(cache.current('month|all')).toBeNull();
    expect(state.builds).toBe(0);
    const first = get('month|all');
    expect(cache.current('month|all')).toBe(first);
    expect(cache.current('week|all')).toBeNull();
    state.now += 1_000;
    expect(cache.current('month|all')).toBeNull();
    state.now -= 1_000;
    state.revision++;
    expect(cache.current('month|all')).toBeNull();
    expect(state.builds).toBe(1);
  });

  it('keeps views apart and at most `entries` of them, the oldest leaving first', () => {
    const { state, cache, get } = setup(2);
    const a = get('a');
    get('b');
    expect(get('a')).toBe(a);
    get('c');
    expect(cache.size).toBe(2);
    get('a');
    expect(state.builds).toBe(4);
  });
});
