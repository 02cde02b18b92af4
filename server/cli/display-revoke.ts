/**
 * npm run display:revoke -- --name NAME
 * Revokes a wall display's token. A running server disconnects the display within one clock tick,
 * and the screen then says its token is no longer valid.
 */
import { parseArgs } from 'node:util';
import { WALL_NAME_RE } from '../wall/presets.js';
import { openCliStores } from './cli-stores.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { name: { type: 'string' } }, allowPositionals: false });
  const name = values.name?.trim();
  if (!name || !WALL_NAME_RE.test(name)) {
    console.error('usage: npm run display:revoke -- --name NAME');
    return 2;
  }
  // DATABASE_URL: PostgreSQL's displays (the server's there); else the DASHBOARD_DB file.
  const stores = await openCliStores();
  const file = stores.where;
  try {
    const { displays } = stores.walls;
    if (!(await displays.revoke(name, Date.now()))) {
      const d = await displays.findByName(name);
      console.error(d ? `display "${name}" was already revoked` : `no display named "${name}" in ${file}`);
      return 1;
    }
    await stores.audit({ action: 'display.revoked', target: name });
    console.log(`Revoked display "${name}" in ${file}. A running server disconnects it within one clock tick.`);
    return 0;
  } finally {
    await stores.close();
  }
}

process.exitCode = await main();
