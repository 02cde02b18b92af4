/**
 * npm run user:add -- --username U --password P --role ROLE [--scope unit:<code>,department:<code>,province:<code>,…] [--name "Full name"]
 * Creates a user who signs in to the dashboard (the first admin is created this way). The password
 * is stored as an argon2id hash only. `--password -` reads it from standard input instead of the
 * command line (which other users of the machine may see in the process list).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { USER_ROLES } from '../db/users-repo.js';
import { jurisdictionIndex } from '../geo/jurisdiction-loader.js';
import { checkNewUser, createUser } from '../auth/users.js';
import { provinceAccess } from '../auth/province-reach.js';
import { cliJurisdiction } from './cli-env.js';
import { openCliStores } from './cli-stores.js';

const USAGE = `usage: npm run user:add -- --username U --password P --role ROLE [--scope unit:<code>,department:<code>,…] [--name "Full name"]
  ROLE: ${USER_ROLES.join(', ')}
  --scope: required for unit_leader and department: one or more unit:<ward code> and/or department:<code>,
           comma-separated (the user sees the union; the first is their home page);
           for city_leader and supervisor with JURISDICTION=vn: none (the country) or province:<code>,…
           (the province's leaders or administration centre: its communes only)
  --password -: read the password from standard input`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        scope: { type: 'string' },
        name: { type: 'string' },
      },
      allowPositionals: false,
    }));
  } catch (err) {
    console.error((err as Error).message);
    console.error(USAGE);
    return 2;
  }
  const password = values.password === '-' ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : values.password;
  const jurisdiction = cliJurisdiction();
  const index = jurisdictionIndex(jurisdiction);
  const checked = checkNewUser(
    { username: values.username, password, role: values.role, scope: values.scope, displayName: values.name },
    provinceAccess(jurisdiction.units).userScopeOf((c) => index.scopeOf(c)),
  );
  if (!checked.ok) {
    for (const p of checked.problems) console.error(p);
    console.error(USAGE);
    return 2;
  }
  // DATABASE_URL: PostgreSQL's users (the server's there); else the DASHBOARD_DB file.
  const stores = await openCliStores();
  const file = stores.where;
  try {
    if (await stores.access.users.findByUsername(checked.user.username)) {
      console.error(`a user named "${checked.user.username}" already exists in ${file}`);
      return 1;
    }
    const user = await createUser(stores.access, checked.user, Date.now());
    await stores.audit({ action: 'user.created', target: user.username, details: { role: user.role, scopes: user.scopes } });
    console.log(`Created user "${user.username}" (${user.role}${user.scopes.length ? `, ${user.scopes.join(', ')}` : ''}) in ${file}.`);
    return 0;
  } finally {
    await stores.close();
  }
}

process.exitCode = await main();
