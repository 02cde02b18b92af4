#!/usr/bin/env node
// Makes sure what the tests need beyond npm is on this machine: Debian's Chromium for the browser tests,
// redis-server for the multi-node tests and PostgreSQL for the PostgreSQL store's tests.
// Installs it when missing and permitted (root, or passwordless sudo, and ALLOW_SYSTEM_INSTALL not 0);
// otherwise stops with a message saying exactly how to get it. Never skips browser tests silently.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PACKAGES = ['chromium'];

function say(msg) {
  process.stderr.write(`[ensure-test-deps] ${msg}\n`);
}

function canInstall() {
  if (process.env.ALLOW_SYSTEM_INSTALL === '0') return null;
  if (!existsSync('/usr/bin/apt-get')) return null;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0 ? ['sudo', '-n'] : null;
}

function run(prefix, cmd, args) {
  const [bin, ...rest] = prefix.length ? [...prefix, cmd, ...args] : [cmd, ...args];
  execFileSync(bin, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (!existsSync(CHROMIUM)) {
  const prefix = canInstall();
  if (!prefix) {
    say(`Chromium is missing at ${CHROMIUM}; the browser tests need it and cannot run without it.`);
    say('Install it with:  sudo apt-get update && sudo apt-get install -y chromium');
    say('or point CHROMIUM_PATH at an existing Chromium/Chrome binary, then run npm test again.');
    process.exit(1);
  }
  say(`Chromium is missing at ${CHROMIUM}: installing Debian's ${PACKAGES.join(' ')} …`);
  try {
    run(prefix, 'apt-get', ['update', '-qq']);
    run(prefix, 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PACKAGES]);
  } catch (err) {
    say(`installing ${PACKAGES.join(' ')} failed (${err.message}).`);
    say('Install it by hand: sudo apt-get update && sudo apt-get install -y chromium');
    process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    say(`apt-get finished but ${CHROMIUM} is still missing; set CHROMIUM_PATH to the installed binary.`);
    process.exit(1);
  }
}
say(`Chromium: ${CHROMIUM}`);

// The multi-node tests start a real redis-server (tests/helpers/redis-server.ts).
const REDIS = process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server';
if (!existsSync(REDIS)) {
  const prefix = canInstall();
  if (!prefix) {
    say(`redis-server is missing at ${REDIS}; the multi-node tests need it and cannot run without it.`);
    say('Install it with:  sudo apt-get update && sudo apt-get install -y redis-server');
    say('or point REDIS_SERVER_PATH at an existing redis-server binary, then run npm test again.');
    process.exit(1);
  }
  say(`redis-server is missing at ${REDIS}: installing Debian's redis-server …`);
  try {
    run(prefix, 'apt-get', ['update', '-qq']);
    run(prefix, 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server']);
  } catch (err) {
    say(`installing redis-server failed (${err.message}).`);
    say('Install it by hand: sudo apt-get update && sudo apt-get install -y redis-server');
    process.exit(1);
  }
  if (!existsSync(REDIS)) {
    say(`apt-get finished but ${REDIS} is still missing; set REDIS_SERVER_PATH to the installed binary.`);
    process.exit(1);
  }
}
say(`redis-server: ${REDIS}`);

// The PostgreSQL store's tests start a throwaway cluster (tests/helpers/postgres-server.ts): Debian's
// postgresql, binaries in /usr/lib/postgresql/<major>/bin (or PG_BIN_DIR).
function postgresBin() {
  if (process.env.PG_BIN_DIR) return join(process.env.PG_BIN_DIR, 'postgres');
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)) : [];
  majors.sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(root, majors[0], 'bin', 'postgres') : null;
}
let postgres = postgresBin();
if (!postgres || !existsSync(postgres)) {
  const prefix = canInstall();
  if (!prefix) {
    say(
      `PostgreSQL is missing${postgres ? ` at ${postgres}` : ' (no /usr/lib/postgresql/<major>/bin)'}; the PostgreSQL store's tests need it and cannot run without it.`,
    );
    say('Install it with:  sudo apt-get update && sudo apt-get install -y postgresql');
    say('or point PG_BIN_DIR at the bin directory of an existing PostgreSQL (initdb, postgres), then run npm test again.');
    process.exit(1);
  }
  say("PostgreSQL is missing: installing Debian's postgresql …");
  try {
    run(prefix, 'apt-get', ['update', '-qq']);
    run(prefix, 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql']);
  } catch (err) {
    say(`installing postgresql failed (${err.message}).`);
    say('Install it by hand: sudo apt-get update && sudo apt-get install -y postgresql');
    process.exit(1);
  }
  postgres = postgresBin();
  if (!postgres || !existsSync(postgres)) {
    say('apt-get finished but no PostgreSQL server binary was found; set PG_BIN_DIR to its bin directory.');
    process.exit(1);
  }
}
say(`PostgreSQL: ${postgres}`);
