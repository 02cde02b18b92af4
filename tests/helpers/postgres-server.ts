/**
 * A real, throwaway PostgreSQL cluster (Debian's postgresql; scripts/ensure-test-deps.mjs installs it):
 * initdb into a temp dir, postgres on loopback on a free port with its unix socket in that dir, trust
 * auth and fsync off (a test's data need not survive a crash). Started by a test, stopped and deleted by it.
 * PostgreSQL refuses to run as root: as root, the cluster is owned and run by the `postgres` OS user.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis-server.js';

/** Debian's binaries of the newest installed major version (/usr/lib/postgresql/<major>/bin), or PG_BIN_DIR. */
export const PG_BIN = process.env.PG_BIN_DIR || debianPgBin();

function debianPgBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)) : [];
  majors.sort((a, b) => Number(b) - Number(a));
  return join(root, majors[0] ?? '15', 'bin');
}
const OS_USER = 'postgres';

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** A fresh empty database on this cluster; answers its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Runs as the postgres OS user when we are root (PostgreSQL will not run as root), else as ourselves. */
function asPgUser(cmd: string, args: string[]): [string, string[]] {
  if (userInfo().uid !== 0) return [cmd, args];
  return ['setpriv', ['--reuid', OS_USER, '--regid', OS_USER, '--init-groups', '--', cmd, ...args]];
}

function initCluster(dir: string): string {
  const data = join(dir, 'data');
  const [cmd, args] = asPgUser(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`initdb failed (${r.status ?? r.error?.message}):\n${r.stdout}${r.stderr}`);
  return data;
}

/**
 * Starts a cluster and resolves once it accepts connections; throws (never skips) when PostgreSQL is
 * missing. `durable`: fsync and synchronous commit on, as in production (the benchmark's setting).
 */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<TestPostgres> {
  if (!existsSync(join(PG_BIN, 'postgres'))) {
    throw new Error(`${PG_BIN}/postgres is missing: run node scripts/ensure-test-deps.mjs (or sudo apt-get install -y postgresql)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  if (userInfo().uid === 0) {
    const pw = spawnSync('id', ['-u', OS_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', OS_USER], { encoding: 'utf8' });
    if (pw.status !== 0) throw new Error(`running as root needs the '${OS_USER}' OS user (Debian's postgresql package creates it)`);
    chownSync(dir, Number(pw.stdout), Number(gid.stdout));
  }
  const data = initCluster(dir);
  const port = await freePort();
  const fast = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const settings = ['-c', 'listen_addresses=127.0.0.1', ...(opts.durable ? [] : fast)];
  const [cmd, args] = asPgUser(join(PG_BIN, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, ...settings]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`postgres did not start in 30 s:\n${out}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`postgres exited with ${code}:\n${out}`));
    });
  });
  child.stderr!.resume();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async createDatabase(name) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    async stop() {
      // SIGINT: PostgreSQL's fast shutdown (open sessions are ended, no wait for clients).
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
