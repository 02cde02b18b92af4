import { describe, expect, it } from 'vitest';
import { parseLastReload, shouldReloadForBuild } from '../../../../client/features/wall/build-reload';

describe('shouldReloadForBuild', () => {
  const now = 1_700_000_000_000;

  it('reloads when the server build differs from the one the page started with', () => {
    expect(shouldReloadForBuild('0.1.0+aaa', '0.1.0+bbb', null, now)).toBe(true);
  });

  it('does not reload for the same build or before the first tick', () => {
    expect(shouldReloadForBuild('0.1.0+aaa', '0.1.0+aaa', null, now)).toBe(false);
    expect(shouldReloadForBuild(null, '0.1.0+bbb', null, now)).toBe(false);
  });

  it('reloads at most once a minute for the same new build (no loop if the old page is still served)', () => {
    expect(shouldReloadForBuild('a', 'b', { build: 'b', at: now - 30_000 }, now)).toBe(false);
    expect(shouldReloadForBuild('a', 'b', { build: 'b', at: now - 61_000 }, now)).toBe(true);
    expect(shouldReloadForBuild('a', 'c', { build: 'b', at: now - 1_000 }, now)).toBe(true);
  });
});

describe('parseLastReload', () => {
  it('reads what was stored and ignores anything else', () => {
    expect(parseLastReload('{"build":"b","at":5}')).toEqual({ build: 'b', at: 5 });
    expect(parseLastReload('{"build":1}')).toBeNull();
    expect(parseLastReload('nope')).toBeNull();
    expect(parseLastReload(null)).toBeNull();
  });
});
