/**
 * What the command-line tools read from the environment, in one place (the server reads its own in
 * server/index.ts through config.ts): the database file, the boundaries folder, and the folder npm
 * was started from (relative paths given on the command line are relative to it).
 */
import { boundariesDirOf } from '../geo/boundaries-store.js';

const DEFAULT_DB_FILE = 'data/dashboard.db';

export interface CliEnv {
  dbFile: string;
  boundariesDir: string;
  cwd: string;
}

export function cliEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  return {
    dbFile: env.DASHBOARD_DB || DEFAULT_DB_FILE,
    boundariesDir: boundariesDirOf(env.BOUNDARIES_DIR),
    cwd: env.INIT_CWD ?? process.cwd(),
  };
}
