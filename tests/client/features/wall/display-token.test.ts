import { describe, expect, it } from 'vitest';
import {
  DISPLAY_TOKEN_STORAGE_KEY,
  loadStoredToken,
  resolveDisplayToken,
  takeTokenFromSearch,
} from '../../../../client/features/wall/display-token';

const TOKEN = 'bdd_0123456789abcdefghijABCDEFGHIJ-_xyz';

function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), map: m };
}

describe('takeTokenFromSearch', () => {
  it('takes the token out and keeps the other parameters', () => {
    expect(takeTokenFromSearch(`?preset=ops&token=${TOKEN}&interval=20`)).toEqual({
      token: TOKEN,
      search: '?preset=ops&interval=20',
      hadToken: true,
    });
  });

  it('leaves an empty query when the token was the only parameter', () => {
    expect(takeTokenFromSearch(`?token=${TOKEN}`)).toEqual({ token: TOKEN, search: '', hadToken: true });
  });

  it('still removes a malformed token from the address bar, without using it', () => {
    expect(takeTokenFromSearch('?token=<script>')).toEqual({ token: null, search: '', hadToken: true });
  });

  it('changes nothing without a token', () => {
    expect(takeTokenFromSearch('?preset=ops')).toEqual({ token: null, search: '?preset=ops', hadToken: false });
  });
});

describe('resolveDisplayToken', () => {
  it('stores a token from the URL so it survives restarts of screen and server', () => {
    const storage = memoryStorage();
    expect(resolveDisplayToken(`?token=${TOKEN}&preset=ops`, storage)).toEqual({ token: TOKEN, search: '?preset=ops', hadToken: true });
    expect(storage.map.get(DISPLAY_TOKEN_STORAGE_KEY)).toBe(TOKEN);
    // Next start, without the token in the URL.
    expect(resolveDisplayToken('?preset=ops', storage).token).toBe(TOKEN);
  });

  it('replaces a stored token with a new one from the URL', () => {
    const storage = memoryStorage({ [DISPLAY_TOKEN_STORAGE_KEY]: 'bdd_old_old_old_old_old_old' });
    expect(resolveDisplayToken(`?token=${TOKEN}`, storage).token).toBe(TOKEN);
    expect(loadStoredToken(storage)).toBe(TOKEN);
  });

  it('works without storage (disabled by policy) and without any token', () => {
    expect(resolveDisplayToken('', null)).toEqual({ token: null, search: '', hadToken: false });
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(resolveDisplayToken(`?token=${TOKEN}`, throwing).token).toBe(TOKEN);
  });
});
