/**
 * npm run source:revoke -- --name NAME
 * Revokes an ingest source's key. Effective at once: every request looks its key up, so the next
 * one with the revoked key is refused (401), even while the server runs.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection.js';
import { createSourcesRepo } from '../db/sources-repo.js';
import { auditCli } from './cli-audit.js';
import { cliEnv } from './cli-env.js';

function main(): number {
  const { values } = parseArgs({ options: { name: { type: 'string' } }, allowPositionals: false });
  const name = values.name?.trim();
  if (!name || !/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
    console.error('usage: npm run source:revoke -- --name NAME');
    return 2;
  }
  const file = cliEnv().dbFile;
  const db = openDatabase(file);
  try {
    const sources = createSourcesRepo(db);
    if (!sources.revoke(name, Date.now())) {
      console.error(sources.findByName(name) ? `source "${name}" was already revoked` : `no source named "${name}" in ${file}`);
      return 1;
    }
    auditCli(db, { action: 'source.revoked', target: name });
    console.log(`Revoked source "${name}" in ${file}. Its key is refused from the next request on.`);
    return 0;
  } finally {
    db.close();
  }
}

process.exitCode = main();
