/**
 * Sessions kept in memory between their writes (issue 15): one read of the store for many requests,
 * and none answered after a logout, after its user's sessions end, after a write to its user, or past
 * its expiry. A real SQLite file; the store's reads counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../server/auth/audit.js';
import { createAuthService, type AuthService } from '../../../server/auth/auth-service.js';
import { hashPassword } from '../../../server/auth/passwords.js';
import { createSessionCache, forgettingOnWrites } from '../../../server/auth/session-cache.js';
import type { AccessStore } from '../../../server/db/access-store/contract.js';
import { createSqliteAccessStore } from '../../../server/db/access-store/sqlite-access-store.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';

const dir = mkdtempSync(join(tmpdir(), 'session-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const IP = { ip: '127.0.0.1', userAgent: 'test' };

let n = 0;
let access: AccessStore;
let auth: AuthService;
let reads: number;
let clock: number;

function service(keepSessionsMs: number): AuthService {
  const sessions = { ...access.sessions, findLive: (h: string, t: number) => (reads++, access.sessions.findLive(h, t)) };
  return createAuthService({
    users: access.users,
    audit: createAuditLog(access.audit, () => clock),
    now: () => clock,
    sessionTtlMs: 3_600_000,
    maxFailures: 5,
    lockWindowMs: 60_000,
    lockMs: 60_000,
    sessions,
    keepSessionsMs,
  });
}

async function signIn(username: string): Promise<string> {
  const r = await auth.login(username, 'a long password', IP);
  if (!r.ok) throw new Error(`login failed: ${r.reason}`);
  return r.sessionId;
}

beforeEach(async () => {
  const file = join(dir, `t${++n}.db`);
  access = createSqliteAccessStore(createStore(openDatabase(file), file));
  const passwordHash = await hashPassword('a long password');
  for (const username of ['lan', 'minh'])
    await access.users.create({ username, displayName: username, role: 'city_leader', scopes: [], passwordHash }, 1_000);
  clock = 1_000_000;
  reads = 0;
  auth = service(2_000);
});

describe('kept sessions', { timeout: 30_000 }, () => {
  it('answers repeated requests of one session from one read of the store, the same principal each time', async () => {
    const id = await signIn('lan');
    const first = await auth.resolve(id);
    for (let i = 0; i < 10; i++) expect(await auth.resolve(id)).toEqual(first);
    expect(first?.principal.username).toBe('lan');
    expect(reads).toBe(1);
  });

  it('reads the store again once an entry is older than its keeping time, and never past the session expiry', async () => {
    const id = await signIn('lan');
    await auth.resolve(id);
    clock += 2_000;
    await auth.resolve(id);
    expect(reads).toBe(2);
    clock += 3_600_000;
    expect(await auth.resolve(id)).toBeNull();
  });

  it('answers no session after its logout, nor any of a user after their sessions end; others stay kept', async () => {
    const a = await signIn('lan');
    const b = await signIn('lan');
    const other = await signIn('minh');
    for (const id of [a, b, other]) await auth.resolve(id);
    await auth.logout(a);
    expect(await auth.resolve(a)).toBeNull();
    expect(await auth.resolve(b)).not.toBeNull();
    const user = (await access.users.findByUsername('lan'))!;
    await auth.endSessionsOf(user.id);
    expect(await auth.resolve(b)).toBeNull();
    const before = reads;
    expect((await auth.resolve(other))?.principal.username).toBe('minh');
    expect(reads).toBe(before);
  });

  it('shows a write to the user (display name, disabled) on the next request through the forgetting users store', async () => {
    const id = await signIn('lan');
    await auth.resolve(id);
    const users = forgettingOnWrites(access.users, auth.forgetKept);
    const user = (await users.findByUsername('lan'))!;
    await users.update(user.id, { displayName: 'Lan Nguyễn' });
    expect((await auth.resolve(id))?.principal.displayName).toBe('Lan Nguyễn');
    await users.disable('lan', clock);
    expect(await auth.resolve(id)).toBeNull();
  });

  it('keeps nothing with a keeping time of 0: every request reads the store', async () => {
    auth = service(0);
    const id = await signIn('lan');
    for (let i = 0; i < 3; i++) await auth.resolve(id);
    expect(reads).toBe(3);
  });
});

describe('the session cache', () => {
  it('does not keep a value read before a forget (a logout racing the read)', () => {
    const cache = createSessionCache<{ userId: number; expiresAt: number }>(1_000);
    const since = cache.generation;
    cache.forget('a');
    cache.set('a', { userId: 1, expiresAt: 10_000 }, 0, since);
    expect(cache.get('a', 1)).toBeUndefined();
  });

  it('holds at most its bound, the oldest going first', () => {
    const cache = createSessionCache<{ userId: number; expiresAt: number }>(1_000, 2);
    for (const id of ['a', 'b', 'c']) cache.set(id, { userId: 1, expiresAt: 10_000 }, 0, cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBeDefined();
  });
});
