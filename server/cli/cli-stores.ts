/**
 * The stores a command-line tool writes through (issue 17): PostgreSQL's when DATABASE_URL is a
 * postgres:// URL (its migrations applied), else the DASHBOARD_DB file's. A change is audited in the
 * same database, with the actor `cli:<OS user>` as cli-audit.ts writes it.
 */
import type { AuditInput } from '../auth/audit.js';
import { auditRow } from '../auth/audit.js';
import { openDatabase } from '../db/connection.js';
import type { AccessStore } from '../db/access-store/contract.js';
import { createPgAccessStore } from '../db/access-store/pg-access-store.js';
import { createSqliteAccessStore } from '../db/access-store/sqlite-access-store.js';
import type { IndexStore } from '../db/index-store/contract.js';
import { createPgIndexStore } from '../db/index-store/pg-index-store.js';
import { createSqliteIndexStore } from '../db/index-store/sqlite-index-store.js';
import { openPgPool } from '../db/pg/pool.js';
import { createStore } from '../db/store.js';
import type { WallStore } from '../db/wall-store/contract.js';
import { createPgWallStore } from '../db/wall-store/pg-wall-store.js';
import { createSqliteWallStore } from '../db/wall-store/sqlite-wall-store.js';
import { isPostgresUrl } from '../db/write-store/open-write-store.js';
import { cliActor } from './cli-audit.js';
import { cliEnv } from './cli-env.js';

export interface CliStores {
  /** Where the tool writes, as its report names it (the file, or PostgreSQL's database without the password). */
  where: string;
  /** Users, sources and the audit log. */
  access: AccessStore;
  index: IndexStore;
  walls: WallStore;
  audit(e: Omit<AuditInput, 'actor' | 'ip' | 'principal'>): Promise<void>;
  close(): Promise<void>;
}

/** Records a change made from the command line in the access store's audit log. */
const auditThrough =
  (access: AccessStore): CliStores['audit'] =>
  (e) =>
    access.audit.add(auditRow({ ...e, actor: cliActor(), ip: 'cli' }, Date.now()));

/** The URL without its password, for messages. */
const shown = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

export async function openCliStores(env: NodeJS.ProcessEnv = process.env): Promise<CliStores> {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    if (!isPostgresUrl(url)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
    const pool = await openPgPool(url, 2);
    const access = createPgAccessStore(pool);
    return {
      where: shown(url),
      access,
      index: createPgIndexStore(pool),
      walls: createPgWallStore(pool),
      audit: auditThrough(access),
      close: () => pool.end(),
    };
  }
  const file = cliEnv(env).dbFile;
  const db = openDatabase(file);
  const store = createStore(db, file);
  const access = createSqliteAccessStore(store);
  return {
    where: file,
    access,
    index: createSqliteIndexStore(store),
    walls: createSqliteWallStore(store),
    audit: auditThrough(access),
    close: async () => {
      db.close();
    },
  };
}
