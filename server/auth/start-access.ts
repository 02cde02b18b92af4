/**
 * What the server's start writes to the access store (either engine, issue 17): the sources
 * INGEST_KEYS names, and the demo's users (or, outside the demo, a hint when there is no user yet).
 * Both go where login and ingest's key check read, so they follow the access store to PostgreSQL.
 */
import type { SourcesStore, UsersStore } from '../db/access-store/contract.js';
import { hashSourceKey, type BootstrapKey } from '../ingest/keys.js';
import type { Logger } from '../logger.js';
import type { ScopeKey } from '../metrics/types.js';
import { ensureDemoUsers, formatDemoUsers } from './demo-users.js';

/**
 * Stores each INGEST_KEYS source with its key's hash (a known name takes the key and kind and is no
 * longer revoked), one after the other, so a name given twice ends with its last key as before.
 */
export async function seedIngestKeys(sources: Pick<SourcesStore, 'upsertKey'>, keys: readonly BootstrapKey[], now: number): Promise<void> {
  for (const k of keys) await sources.upsertKey(k.name, k.kind, hashSourceKey(k.secret), now);
}

/**
 * The demo's users with fresh passwords, logged (DEMO=1: the only place a password is ever logged);
 * otherwise a hint to create the first admin when the store has no user.
 * @param hasScope whether the jurisdiction has a demo user's scope (users of other scopes are left out)
 */
export async function announceUsers(
  users: Pick<UsersStore, 'create' | 'upsert' | 'findByUsername' | 'list'>,
  o: { demo: boolean; hasScope: (scope: ScopeKey) => boolean; now: number },
  logger: Pick<Logger, 'info' | 'warn'>,
): Promise<void> {
  if (o.demo) {
    const made = await ensureDemoUsers({ users }, o.now, o.hasScope);
    logger.info('demo users (DEMO=1): new passwords at every start; sign in at /login');
    for (const line of formatDemoUsers(made)) logger.info(line);
  } else if ((await users.list()).length === 0) {
    logger.warn('no users yet: create the first admin with npm run user:add -- --username admin --password … --role admin');
  }
}
