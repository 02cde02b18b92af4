/**
 * Who is signed in: `/api/v1/auth/me`, kept in memory and shared (useSession). Login and logout
 * update it, set the CSRF token the API client sends, and reconnect the socket so its handshake
 * carries the new session cookie. The server enforces every rule; the client only hides what the
 * server would refuse, from the capabilities it answers with.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { MeResponse } from '../../../server/http/auth-routes';
import type { ScopeKey } from '../../../shared/contract/metrics';
import { ApiError, apiUrl, getJson, sendJson, setCsrfToken } from '../../api';
import { reconnectSocket } from '../../realtime/socket';
import { clearSnapshotCache } from '../../offline/offline-cache';
import { forgetFirstAnswers, takeFirstAnswer } from '../../api/first-answers';

const ME = apiUrl('/auth/me');

export type Me = MeResponse;
export type Capabilities = MeResponse['capabilities'];

/**
 * True when names and lists of `scope` are within what the user is bound to (their home is the city,
 * or they hold that scope: a user holding several units sees the union). The capabilities describe the user's own scope; with the public view on, a bound
 * user may open any scope's figures, but names and lists stay theirs.
 */
export function isOwnScope(caps: Capabilities, scope: ScopeKey | null, province?: string): boolean {
  const held = caps.scopes ?? [];
  // A province's leaders (national packs) hold `province:<code>`: their communes are theirs too.
  const inProvince = province !== undefined && held.includes(`province:${province}`);
  return scope !== null && (caps.home === 'city' || caps.home === scope || held.includes(scope) || inProvince);
}

/** The page a user's home scope opens: a province's communes on the overview, a unit's page, or the overview. */
export function homePath(home: ScopeKey | null): string {
  if (!home || home === 'city') return '/';
  const code = home.slice(home.indexOf(':') + 1);
  return home.startsWith('province:') ? `/?province=${encodeURIComponent(code)}` : `/units/${encodeURIComponent(code)}`;
}

/** What an anonymous visitor may do (until /auth/me answers, and when it cannot be reached). */
export const ANONYMOUS: Me = {
  authenticated: false,
  user: null,
  csrfToken: null,
  expiresAt: null,
  publicView: true,
  capabilities: {
    home: null,
    scopes: [],
    cityOverview: true,
    dossierLists: false,
    taskLists: false,
    officials: false,
    sendReminders: false,
    readReminders: false,
    acknowledgeReminders: false,
    requestSubjects: [],
    admin: false,
  },
};

interface SessionState {
  me: Me;
  /** True once /auth/me has answered (or failed) at least once. */
  loaded: boolean;
}

let state: SessionState = { me: ANONYMOUS, loaded: false };
const listeners = new Set<() => void>();
let inFlight: Promise<Me> | null = null;

/** Who the answers in the offline snapshot belong to: a username, or null for the public. */
const ownerOf = (me: Me): string | null => (me.authenticated && me.user ? me.user.username : null);

function set(me: Me): void {
  setCsrfToken(me.csrfToken);
  // Another person (or nobody) now: what the snapshot kept for the previous one must not stay on the device.
  if (state.loaded && ownerOf(state.me) !== ownerOf(me)) {
    void clearSnapshotCache();
    forgetFirstAnswers();
  }
  state = { me, loaded: true };
  for (const l of listeners) l();
}

/** Asks the server who is signed in (one request at a time). */
export function refreshSession(): Promise<Me> {
  inFlight ??= (takeFirstAnswer<Me>(ME) ?? getJson<Me>(ME))
    .then(
      (me) => {
        set(me);
        return me;
      },
      () => {
        set(ANONYMOUS);
        return ANONYMOUS;
      },
    )
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

export type LoginResult = { ok: true; me: Me } | { ok: false; reason: 'invalid' | 'locked' | 'network'; retryAfterSeconds?: number };

/** Signs in; on success the socket reconnects with the new session. */
export async function login(username: string, password: string): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetch(apiUrl('/auth/login'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    return { ok: false, reason: 'network' };
  }
  if (res.status === 429) return { ok: false, reason: 'locked', retryAfterSeconds: Number(res.headers.get('retry-after')) || undefined };
  if (!res.ok) return { ok: false, reason: res.status === 401 || res.status === 400 ? 'invalid' : 'network' };
  const me = (await res.json()) as Me;
  set(me);
  reconnectSocket();
  return { ok: true, me };
}

/** Signs out; the socket reconnects as the public. */
export async function logout(): Promise<void> {
  try {
    await sendJson('POST', apiUrl('/auth/logout'), {});
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
  await clearSnapshotCache();
  set(ANONYMOUS);
  reconnectSocket();
  await refreshSession();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
const snapshot = (): SessionState => state;

/** The signed-in user and their capabilities; asks the server once per page. */
export function useSession(): SessionState {
  const s = useSyncExternalStore(subscribe, snapshot, snapshot);
  useEffect(() => {
    if (!state.loaded) void refreshSession();
  }, []);
  return s;
}

/** Where the login page sends the user back to: a same-site path only (never another site). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
