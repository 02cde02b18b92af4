/**
 * npm run display:revoke -- --name NAME
 * Revokes a wall display's token. A running server disconnects the display within one clock tick,
 * and the screen then says its token is no longer valid.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection.js';
import { createDisplaysRepo } from '../db/wall-repo.js';
import { WALL_NAME_RE } from '../wall/presets.js';
import { auditCli } from './cli-audit.js';
import { cliEnv } from './cli-env.js';

function main(): number {
  const { values } = parseArgs({ options: { name: { type: 'string' } }, allowPositionals: false });
  const name = values.name?.trim();
  if (!name || !WALL_NAME_RE.test(name)) {
    console.error('usage: npm run display:revoke -- --name NAME');
    return 2;
  }
  const file = cliEnv().dbFile;
  const db = openDatabase(file);
  try {
    const displays = createDisplaysRepo(db);
    if (!displays.revoke(name, Date.now())) {
      const d = displays.findByName(name);
      console.error(d ? `display "${name}" was already revoked` : `no display named "${name}" in ${file}`);
      return 1;
    }
    auditCli(db, { action: 'display.revoked', target: name });
    console.log(`Revoked display "${name}" in ${file}. A running server disconnects it within one clock tick.`);
    return 0;
  } finally {
    db.close();
  }
}

process.exitCode = main();
