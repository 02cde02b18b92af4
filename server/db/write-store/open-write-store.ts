/**
 * The write store the environment chooses: PostgreSQL when DATABASE_URL is a postgres:// URL (its
 * migrations applied), else SQLite on the DASHBOARD_DB file (its migrations applied).
 */
import { openDatabase } from '../connection.js';
import { createStore } from '../store.js';
import type { WriteStore } from './contract.js';
import { openPgWriteStore } from './pg-write-store.js';
import { createSqliteWriteStore } from './sqlite-write-store.js';

export interface WriteStoreTarget {
  databaseUrl?: string;
  sqliteFile: string;
}

export const isPostgresUrl = (url: string | undefined): url is string => url !== undefined && /^postgres(ql)?:\/\//.test(url);

export async function openWriteStore(target: WriteStoreTarget): Promise<WriteStore> {
  if (target.databaseUrl !== undefined && target.databaseUrl !== '') {
    if (!isPostgresUrl(target.databaseUrl)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
    return openPgWriteStore(target.databaseUrl);
  }
  return createSqliteWriteStore(createStore(openDatabase(target.sqliteFile), target.sqliteFile));
}
