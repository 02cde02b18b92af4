import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseViewParams, sharedSearch } from '../../../client/lib/url-state';

describe('parseViewParams', () => {
  it('reads period, metric, layout and language', () => {
    const v = parseViewParams(new URLSearchParams('period=week&metric=overdue&layout=tiles&lang=en'));
    expect(v).toEqual({ period: 'week', metric: 'overdue', layout: 'tiles', lang: 'en' });
  });

  it('falls back to the defaults for missing or invalid values', () => {
    expect(parseViewParams(new URLSearchParams('period=decade&metric=x&layout=3d'))).toEqual(DEFAULT_VIEW);
  });

  it('uses the remembered language when the URL has none', () => {
    expect(parseViewParams(new URLSearchParams(''), 'en').lang).toBe('en');
  });
});

describe('sharedSearch', () => {
  it('keeps the shared view parameters only', () => {
    const sp = new URLSearchParams('period=month&metric=dueSoon&page=3&status=overdue&lang=en');
    expect(sharedSearch(sp)).toBe('?period=month&metric=dueSoon&lang=en');
  });

  it('applies extras and removals', () => {
    const sp = new URLSearchParams('period=month&layout=geo');
    expect(sharedSearch(sp, { layout: null, tab: 'dossiers' })).toBe('?period=month&tab=dossiers');
    expect(sharedSearch(new URLSearchParams(''))).toBe('');
  });
});

describe('the map layout when the link does not say', () => {
  it('is the tile cartogram on a phone and the map on a desk; a link that says wins on both', () => {
    expect(parseViewParams(new URLSearchParams(''), 'vi', 'tiles').layout).toBe('tiles');
    expect(parseViewParams(new URLSearchParams('')).layout).toBe('geo');
    expect(parseViewParams(new URLSearchParams('layout=geo'), 'vi', 'tiles').layout).toBe('geo');
  });
});
