/**
 * npm run db:pg-migrate
 * Applies the PostgreSQL migrations (server/db/pg-migrations) to DATABASE_URL and says which it
 * applied (README "PostgreSQL (in progress)"). Safe to run again, and from several nodes at once.
 * Exit codes: 0 up to date; 1 the database refused (unreachable, a migration failed); 2 no DATABASE_URL.
 */
import { migratePostgresUrl } from '../db/write-store/pg-migrate.js';
import { isPostgresUrl } from '../db/write-store/open-write-store.js';

/** The URL without its password, for messages. */
const redacted = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!isPostgresUrl(url)) {
    console.error('DATABASE_URL must be set to a postgres:// or postgresql:// URL, e.g. postgres://user@127.0.0.1:5432/dashboard');
    return 2;
  }
  try {
    const applied = await migratePostgresUrl(url);
    console.log(
      applied.length
        ? `Applied PostgreSQL migration(s) ${applied.join(', ')} to ${redacted(url)}.`
        : `${redacted(url)} is up to date: no migration to apply.`,
    );
    return 0;
  } catch (e) {
    console.error(`Could not migrate ${redacted(url)}: ${(e as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
