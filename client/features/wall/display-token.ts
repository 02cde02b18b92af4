/**
 * The display token of a wall: entered once in the URL (`/wall?token=…`), then kept in this
 * browser's localStorage and removed from the address bar, so it survives restarts of screen and
 * server and is not left in view.
 */

export const DISPLAY_TOKEN_STORAGE_KEY = 'bdtt.displayToken';

/** What a token looks like (ours: `bdd_` + 43 base64url characters). */
const TOKEN_RE = /^[A-Za-z0-9_-]{16,200}$/;

export function isPlausibleToken(v: unknown): v is string {
  return typeof v === 'string' && TOKEN_RE.test(v);
}

/**
 * Takes `token` out of a query string. Pure.
 * @returns the token (null when absent or malformed) and the query string without it (with `?`, or '').
 */
export function takeTokenFromSearch(search: string): { token: string | null; search: string; hadToken: boolean } {
  const q = new URLSearchParams(search);
  if (!q.has('token')) return { token: null, search, hadToken: false };
  const raw = q.get('token')?.trim() ?? '';
  q.delete('token');
  const rest = q.toString();
  return { token: isPlausibleToken(raw) ? raw : null, search: rest ? `?${rest}` : '', hadToken: true };
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStorage(): StorageLike | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage disabled
  }
}

export function loadStoredToken(storage: StorageLike | null = defaultStorage()): string | null {
  try {
    const v = storage?.getItem(DISPLAY_TOKEN_STORAGE_KEY) ?? null;
    return isPlausibleToken(v) ? v : null;
  } catch {
    return null;
  }
}

export function storeToken(token: string, storage: StorageLike | null = defaultStorage()): void {
  try {
    storage?.setItem(DISPLAY_TOKEN_STORAGE_KEY, token);
  } catch {
    // storage full or disabled: the token still works until the page reloads
  }
}

/**
 * The token this wall uses: the one in the URL (stored for next time) or else the stored one.
 * @returns the token and the query string to show without it.
 */
export function resolveDisplayToken(
  search: string,
  storage: StorageLike | null = defaultStorage(),
): {
  token: string | null;
  search: string;
  hadToken: boolean;
} {
  const fromUrl = takeTokenFromSearch(search);
  if (fromUrl.token) storeToken(fromUrl.token, storage);
  return { token: fromUrl.token ?? loadStoredToken(storage), search: fromUrl.search, hadToken: fromUrl.hadToken };
}
