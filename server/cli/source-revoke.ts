/**
 * npm run source:revoke -- --name NAME
 * Revokes an ingest source's key. Effective at once: every request looks its key up, so the next
 * one with the revoked key is refused (401), even while the server runs.
 */
import { parseArgs } from 'node:util';
import { openCliStores } from './cli-stores.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { name: { type: 'string' } }, allowPositionals: false });
  const name = values.name?.trim();
  if (!name || !/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
    console.error('usage: npm run source:revoke -- --name NAME');
    return 2;
  }
  // DATABASE_URL: PostgreSQL's sources (the server's there); else the DASHBOARD_DB file.
  const stores = await openCliStores();
  const file = stores.where;
  try {
    const { sources } = stores.access;
    if (!(await sources.revoke(name, Date.now()))) {
      const known = await sources.findByName(name);
      console.error(known ? `source "${name}" was already revoked` : `no source named "${name}" in ${file}`);
      return 1;
    }
    await stores.audit({ action: 'source.revoked', target: name });
    console.log(`Revoked source "${name}" in ${file}. Its key is refused from the next request on.`);
    return 0;
  } finally {
    await stores.close();
  }
}

process.exitCode = await main();
