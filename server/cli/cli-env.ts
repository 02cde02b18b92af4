/**
 * What the command-line tools read from the environment, in one place (the server reads its own in
 * server/index.ts through config.ts): the database file, the boundaries folder, the jurisdiction pack
 * (JURISDICTION, as the server: a tool checking unit codes must know the same units), and the folder
 * npm was started from (relative paths given on the command line are relative to it).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { boundariesDirOf } from '../geo/boundaries-store.js';
import { loadNamedJurisdiction } from '../geo/jurisdiction-loader.js';
import type { Jurisdiction } from '../domain/types.js';

const DEFAULT_DB_FILE = 'data/dashboard.db';

export interface CliEnv {
  dbFile: string;
  boundariesDir: string;
  /** JURISDICTION (`hcmc` by default, as the server). */
  jurisdiction: string;
  cwd: string;
}

/** The jurisdictions the server accepts (server/config.ts), here without loading the server's whole config. */
const JURISDICTIONS = ['hcmc', 'vn'];

/** A JURISDICTION the server would refuse, said as it says it. */
export class CliEnvError extends Error {}

export function cliEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  const jurisdiction = env.JURISDICTION || 'hcmc';
  if (!JURISDICTIONS.includes(jurisdiction))
    throw new CliEnvError(`JURISDICTION: must be ${JURISDICTIONS.join(' or ')} (got ${JSON.stringify(jurisdiction)})`);
  return {
    dbFile: env.DASHBOARD_DB || DEFAULT_DB_FILE,
    boundariesDir: boundariesDirOf(env.BOUNDARIES_DIR),
    jurisdiction,
    cwd: env.INIT_CWD ?? process.cwd(),
  };
}

/** The jurisdiction pack JURISDICTION names (the HCMC pack when unset). */
export function cliJurisdiction(env: NodeJS.ProcessEnv = process.env): Jurisdiction {
  return loadNamedJurisdiction(cliEnv(env).jurisdiction);
}

/**
 * The arguments of a command that takes one FILE and boolean flags (`npm run backup -- FILE --force`):
 * the flags and FILE resolved against the folder npm was started from; null after printing the
 * problem and the usage (exit 2).
 */
export function oneFileArgs<K extends string>(
  flags: readonly K[],
  usage: string,
  args: string[] = process.argv.slice(2),
): { flags: Record<K, boolean>; file: string } | null {
  let parsed;
  try {
    const options = Object.fromEntries(flags.map((f) => [f, { type: 'boolean' as const, default: false }]));
    parsed = parseArgs({ args, options, allowPositionals: true });
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    return null;
  }
  if (parsed.positionals.length !== 1) {
    console.error(usage);
    return null;
  }
  const values = parsed.values as Record<string, boolean | undefined>;
  return {
    flags: Object.fromEntries(flags.map((f) => [f, values[f] === true])) as Record<K, boolean>,
    file: resolve(cliEnv().cwd, parsed.positionals[0]),
  };
}
