import { describe, expect, it } from 'vitest';
import { lagWords, skewWords, summarizeSources } from '../../../client/lib/sources';

describe('summarizeSources', () => {
  it('counts live, late and silent sources and names the worst state', () => {
    expect(summarizeSources([{ state: 'live' }, { state: 'late' }, { state: 'live' }])).toEqual({
      total: 3,
      live: 2,
      late: 1,
      silent: 0,
      worst: 'late',
    });
    expect(summarizeSources([{ state: 'late' }, { state: 'silent' }]).worst).toBe('silent');
    expect(summarizeSources([{ state: 'live' }]).worst).toBe('live');
    expect(summarizeSources([])).toEqual({ total: 0, live: 0, late: 0, silent: 0, worst: null });
  });
});

describe('lagWords', () => {
  it.each([
    [null, 'none', {}],
    [59_000, 'underMinute', {}],
    [5 * 60_000 + 30_000, 'minutes', { m: 5 }],
    [(2 * 60 + 5) * 60_000, 'hours', { h: 2, m: '05' }],
    [(41 * 60 + 10) * 60_000, 'days', { d: 1, h: 17 }],
  ])('words a lag of %s ms as %s', (ms, key, values) => {
    expect(lagWords(ms)).toEqual({ key, values });
  });
});

describe('skewWords', () => {
  it.each([
    [null, null],
    [0, { sign: '±', key: 'seconds', values: { s: 0 } }],
    [400, { sign: '±', key: 'seconds', values: { s: 0 } }],
    [12_400, { sign: '+', key: 'seconds', values: { s: 12 } }],
    [-40_000, { sign: '−', key: 'seconds', values: { s: 40 } }],
    [3 * 60_000 + 10_000, { sign: '+', key: 'minutes', values: { m: 3 } }],
    [-(2 * 60 + 5) * 60_000, { sign: '−', key: 'hours', values: { h: 2, m: '05' } }],
    [49 * 60 * 60_000, { sign: '+', key: 'days', values: { d: 2, h: 1 } }],
  ])('words a skew of %s ms with its sign', (ms, words) => {
    expect(skewWords(ms)).toEqual(words);
  });
});
