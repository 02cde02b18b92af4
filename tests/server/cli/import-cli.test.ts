/**
 * `npm run import` as a person runs it, in its own process (node --import tsx, so signals reach it),
 * against the real app: killed mid-file (SIGKILL) and run again, the store holds exactly the file's
 * events once; Ctrl-C (SIGINT) saves the state and exits 130; without a terminal, progress is plain lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'bdt-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `n` dossiers received before the test clock: one event per line. */
function eventsFile(name: string, n: number): string {
  const f = join(dir, name);
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify(receivedEvent({ id: `K-${i}:1`, dossierId: `K-${i}` })));
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
}

function importer(srv: TestServer, file: string, extra: string[] = []): Run {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli/import.ts', '--kind', 'dossier', '--url', srv.url, '--progress-every', '1', ...extra, file],
    { cwd: ROOT, env: { ...process.env, IMPORT_SOURCE_KEY: srv.dossierKey, INIT_CWD: ROOT }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const run: Run = { child, stdout: '', stderr: '', exit: new Promise((r) => child.once('exit', (code) => r(code))) };
  child.stdout!.on('data', (d) => (run.stdout += String(d)));
  child.stderr!.on('data', (d) => (run.stderr += String(d)));
  return run;
}

async function until(cond: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('npm run import (child process)', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer();
  });
  afterEach(async () => {
    await srv.close();
  });

  it('killed mid-file (SIGKILL) and run again: every event of the file is stored exactly once', async () => {
    const file = eventsFile('kill.ndjson', 6000);
    const first = importer(srv, file, ['--batch-size', '20', '--concurrency', '2']);
    const state = `${file}.import-state.json`;
    await until(() => existsSync(state), 'the first saved state');
    first.child.kill('SIGKILL');
    expect(await first.exit).toBe(null);
    const stored = srv.runtime.store.events.count();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(6000);

    const second = importer(srv, file, ['--batch-size', '500']);
    expect(await second.exit).toBe(0);
    expect(second.stdout).toMatch(/resumed at byte/);
    expect(second.stdout).toMatch(/read {8}6,000/);
    expect(srv.runtime.store.events.count()).toBe(6000);
    expect(existsSync(state)).toBe(false);
  }, 120_000);

  it('on Ctrl-C (SIGINT) finishes the batches in flight, saves the state and exits 130; non-TTY progress is plain lines', async () => {
    const file = eventsFile('int.ndjson', 6000);
    const run = importer(srv, file, ['--batch-size', '20', '--concurrency', '2']);
    await until(() => /rows\/s/.test(run.stderr), 'a progress line');
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(run.stdout).toMatch(/State saved in .*resume with the same command/);
    expect(existsSync(`${file}.import-state.json`)).toBe(true);
    const progressLines = run.stderr.split('\n').filter((l) => /rows\/s/.test(l));
    expect(progressLines[0]).toMatch(/^[\d,]+ rows · [\d,]+ rows\/s · [\d.]+% · ETA \S+ · accepted [\d,]+ · duplicates 0 · rejected 0$/);
    expect(run.stderr).not.toContain('\r');

    const again = importer(srv, file);
    expect(await again.exit).toBe(0);
    expect(srv.runtime.store.events.count()).toBe(6000);
  }, 120_000);

  it('with --history and no --batch-size, sends batches of 5,000 events (the most a request may carry)', async () => {
    srv.runtime.store.sources.update('test-dossiers', { historyLoad: true });
    const run = importer(srv, eventsFile('history.ndjson', 6000), ['--history']);
    expect(await run.exit).toBe(0);
    // The empty probe that checks the key and the mode first, then 5,000 and 1,000 events (at 1,000: 7).
    expect(srv.runtime.historyLoad.status()).toMatchObject({ active: true, batches: 3 });
    expect(srv.runtime.store.events.count()).toBe(6000);
  }, 120_000);

  it('given a file of no known format, explains what to pass and exits 2', async () => {
    const run = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', '--kind', 'dossier', 'x.txt'], {
      cwd: ROOT,
      env: { ...process.env, IMPORT_SOURCE_KEY: '' },
    });
    let err = '';
    run.stderr.on('data', (d) => (err += String(d)));
    expect(await new Promise((r) => run.once('exit', r))).toBe(2);
    expect(err).toMatch(/--format must be csv or ndjson/);
  }, 60_000);
});
