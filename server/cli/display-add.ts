/**
 * npm run display:add -- --name NAME --scope city|unit:<code>|department:<code>
 * Adds a wall display and prints its read-only token once; only a SHA-256 hash of it is stored.
 */
import { parseArgs } from 'node:util';
import { jurisdictionIndex } from '../geo/jurisdiction-loader.js';
import { generateDisplayToken, hashDisplayToken, parseDisplayScope } from '../wall/display-tokens.js';
import { WALL_NAME_RE } from '../wall/presets.js';
import { cliJurisdiction } from './cli-env.js';
import { openCliStores } from './cli-stores.js';

const USAGE = `usage: npm run display:add -- --name NAME --scope city|unit:<code>|department:<code>
  NAME: 1–64 letters, digits, dot, dash or underscore (e.g. ops-room-1)
  scope: what the display may show: the whole city, one ward/commune, or one department`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, scope: { type: 'string' } },
    allowPositionals: false,
  });
  const name = values.name?.trim();
  if (!name || !WALL_NAME_RE.test(name) || !values.scope) {
    console.error(USAGE);
    return 2;
  }
  const index = jurisdictionIndex(cliJurisdiction());
  const scope = parseDisplayScope(values.scope, (code) => index.scopeOf(code));
  if (!scope.ok) {
    console.error(scope.error);
    console.error(USAGE);
    return 2;
  }
  // DATABASE_URL: PostgreSQL's displays (the server's there); else the DASHBOARD_DB file.
  const stores = await openCliStores();
  const file = stores.where;
  try {
    const { displays } = stores.walls;
    const existing = await displays.findByName(name);
    if (existing && existing.revokedAt === null) {
      console.error(`a display named "${name}" already exists in ${file}; revoke it first (npm run display:revoke -- --name ${name})`);
      return 1;
    }
    const token = generateDisplayToken();
    await displays.create(name, scope.scope, hashDisplayToken(token), Date.now());
    await stores.audit({ action: 'display.created', target: name, details: { scope: scope.scope } });
    console.log(`${existing ? 'Re-issued' : 'Created'} display "${name}" (scope ${scope.scope}) in ${file}.`);
    console.log('Its token (shown only now; it cannot be recovered):');
    console.log(token);
    console.log(`Open once on the screen: http://<server>:3000/wall?token=${token}`);
    console.log('The screen keeps the token and removes it from the address bar.');
    return 0;
  } finally {
    await stores.close();
  }
}

process.exitCode = await main();
