/**
 * npm run backup -- FILE [--force]
 * Copies the database (DASHBOARD_DB) to FILE while the server runs, through SQLite's online backup
 * API: a consistent snapshot of every committed batch up to one instant (README "Backup and
 * restore"). Exit codes: 0 copied; 1 the copy failed or FILE exists without --force; 2 usage error.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupDatabase, BackupTargetExists } from '../db/backup.js';
import { openDatabase } from '../db/connection.js';
import { auditCli } from './cli-audit.js';
import { cliEnv, oneFileArgs } from './cli-env.js';

const USAGE = `usage: npm run backup -- FILE [--force]
  FILE     where to write the copy (refused if it exists)
  --force  replace an existing FILE`;

async function main(): Promise<number> {
  const args = oneFileArgs(['force'], USAGE);
  if (!args) return 2;
  const env = cliEnv();
  const dest = args.file;
  const source = resolve(env.cwd, env.dbFile);
  if (!existsSync(source)) {
    console.error(`no database at ${source} (set DASHBOARD_DB)`);
    return 2;
  }
  if (dest === source) {
    console.error('FILE is the database itself');
    return 2;
  }
  const db = openDatabase(source);
  try {
    console.log(`Backing up ${source} to ${dest}…`);
    const r = await backupDatabase(db, dest, { force: args.flags.force });
    auditCli(db, { action: 'db.backup', target: dest, details: { pages: r.pages, bytes: r.bytes, ms: Math.round(r.ms) } });
    const mib = (r.bytes / 2 ** 20).toFixed(1);
    console.log(`Backed up ${source} to ${dest}: ${r.pages} pages, ${mib} MiB, ${(r.ms / 1000).toFixed(2)} s.`);
    return 0;
  } catch (e) {
    console.error(e instanceof BackupTargetExists ? e.message : `backup failed: ${(e as Error).message}`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = await main();
