/**
 * npm run backup under ingest load: the copy is one consistent snapshot of the event log (a prefix of
 * what was sent, on a batch boundary, at least what was acknowledged when the backup started), and a
 * server restored from it, sent the batches the copy lacks, shows the same metrics as the original.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openReadOnlyDatabase } from '../../../server/db/connection.js';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { PERIODS } from '../../../server/metrics/types.js';
import type { Runtime } from '../../../server/runtime.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { startTestServer, T0, type TestServer } from '../../helpers/test-server.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const DOSSIERS = '/api/v1/ingest/dossiers';
const BATCH = 200;
const work = mkdtempSync(join(tmpdir(), 'bdt-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Runs the CLI as a child process without blocking this process's event loop (the server runs here).
 * `onStart`: called when it says it begins copying (after its own start-up of a few seconds).
 */
function runBackup(dbFile: string, args: string[], onStart?: () => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('npx', ['tsx', 'server/cli/backup.ts', ...args], { cwd: ROOT, env: { ...process.env, DASHBOARD_DB: dbFile } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('Backing up')) onStart?.();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function allMetrics(rt: Runtime) {
  const out: Record<string, unknown> = {};
  for (const scope of rt.engine.scopes()) for (const p of PERIODS) out[`${scope}|${p}`] = rt.engine.metrics(scope, p);
  return out;
}

/** Sends one batch; the ids the server accepted (the simulator's bad events are quarantined). */
async function send(srv: TestServer, batch: unknown[]): Promise<string[]> {
  const res = await srv.post(DOSSIERS, { events: batch }, srv.dossierKey);
  expect(res.status).toBe(200);
  const results = res.body.results as { id: string; status: string }[];
  expect(results.filter((r) => r.status === 'duplicate')).toEqual([]);
  return results.filter((r) => r.status === 'accepted').map((r) => r.id);
}

/** The ids of the copy's event log, in log order; and its audit rows of backups. */
function readCopy(file: string): { ids: string[]; backups: number } {
  const db = openReadOnlyDatabase(file);
  try {
    const ids = db.prepare('SELECT event_id FROM events ORDER BY seq').pluck().all() as string[];
    const backups = db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'db.backup'`).pluck().get() as number;
    return { ids, backups };
  } finally {
    db.close();
  }
}

/** How many leading batches `ids` holds, if it is exactly their accepted events; else null (torn or foreign). */
function batchesIn(ids: string[], acceptedIds: string[][]): number | null {
  let n = 0;
  let held = 0;
  while (n < ids.length && held < acceptedIds.length) n += acceptedIds[held++].length;
  const prefix = acceptedIds.slice(0, held).flat();
  return prefix.length === ids.length && prefix.every((id, i) => ids[i] === id) ? held : null;
}

describe('npm run backup', () => {
  it('copies a consistent snapshot while batches keep arriving, and a restored copy catches up to the same metrics', async () => {
    const first = await startTestServer();
    const rt = first.runtime;
    const gen = createCityGenerator({
      seed: 11,
      jurisdiction: rt.jurisdiction,
      procedures: loadProcedures(),
      calendar: rt.calendar,
      scale: 0.02,
    });
    const events = gen.generate(T0 - 30 * MS_PER_DAY, T0).dossiers;
    const batches: unknown[][] = [];
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
    const dest = join(work, 'copy.db');
    const occupied = join(work, 'occupied.db');
    const replaced = join(work, 'replaced.db');
    writeFileSync(occupied, 'not a database');
    writeFileSync(replaced, 'not a database');

    // Batches are sent one after another (as one source does) until three after the backups end.
    const acceptedIds: string[][] = [];
    let acked = 0;
    let backupsDone = false;
    let ackedAfter = 0;
    const ingest = (async () => {
      for (const b of batches) {
        acceptedIds.push(await send(first, b));
        acked++;
        if (backupsDone && ++ackedAfter >= 3) break;
      }
    })();
    while (acked < 5) await new Promise((r) => setTimeout(r, 5));
    let ackedAtStart = -1;
    let ackedAtForced = -1;
    const [backup, refused, forced] = await Promise.all([
      runBackup(first.dbFile, [dest], () => (ackedAtStart = ackedAtStart < 0 ? acked : ackedAtStart)),
      runBackup(first.dbFile, [occupied]),
      runBackup(first.dbFile, [replaced, '--force'], () => (ackedAtForced = ackedAtForced < 0 ? acked : ackedAtForced)),
    ]);
    // At most this batch was in flight: every event committed so far is in one of the first `sentAtEnd`.
    const sentAtEnd = acked + 1;
    backupsDone = true;
    await ingest;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Backed up .* \d+ pages, [\d.]+ MiB, [\d.]+ s\./);
    // The load outlasted the backups, and batches were acknowledged before the copy began (else the
    // snapshot proves nothing).
    expect(ackedAfter).toBe(3);
    expect(ackedAtStart).toBeGreaterThanOrEqual(5);

    // One self-contained file: no WAL beside it.
    expect(existsSync(`${dest}-wal`)).toBe(false);
    const copy = readCopy(dest);
    // Exactly the accepted events of the first batches, in order: no batch cut in two, nothing else,
    // and at least every batch acknowledged before the copy began (a copy of the database file
    // alone, without its WAL, fails here).
    const inCopy = batchesIn(copy.ids, acceptedIds);
    expect(inCopy, 'the copy is not a prefix of whole batches').not.toBeNull();
    // (Less one: a batch may be acknowledged while the CLI's "Backing up" line is on its way here.)
    expect(inCopy).toBeGreaterThanOrEqual(ackedAtStart - 1);
    expect(inCopy).toBeLessThanOrEqual(sentAtEnd);

    // An existing file is kept unless --force.
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/exists \(use --force/);
    expect(readFileSync(occupied, 'utf8')).toBe('not a database');
    expect(forced.code).toBe(0);
    expect(batchesIn(readCopy(replaced).ids, acceptedIds)).toBeGreaterThanOrEqual(ackedAtForced - 1);

    // Restore: the copy becomes a new server's database; the source re-sends what the copy lacks.
    const restoredDir = join(work, 'restored');
    mkdirSync(restoredDir);
    copyFileSync(dest, join(restoredDir, 'dashboard.db'));
    const second = await startTestServer({ dir: restoredDir, start: first.clock.now() });
    try {
      for (const b of batches.slice(inCopy!, acked)) await send(second, b);
      const at = T0 + 0.5 * MS_PER_DAY;
      for (const s of [first, second]) {
        s.clock.set(at);
        s.runtime.engine.advance(at);
      }
      const original = allMetrics(rt);
      expect((original['city|month'] as { received: number }).received).toBeGreaterThan(100);
      expect(allMetrics(second.runtime)).toEqual(original);
      expect(readCopy(second.dbFile).ids).toEqual(acceptedIds.flat());
    } finally {
      await second.close();
    }
    // The original's audit log records each copy made (the refused one made none).
    expect(readCopy(first.dbFile).backups).toBe(2);
    await first.close();
  }, 120_000);
});
