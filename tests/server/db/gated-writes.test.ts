import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { WriteGate } from '../../../server/db/write-gate.js';

/**
 * The projection writer's side, on another thread as in the server: takes the gate (without priority),
 * opens a write transaction on its own connection and holds it for `holdMs`, as a long pass does on a
 * loaded machine, then commits and lets go. Plain JavaScript: the gate's protocol (write-gate.ts), by hand.
 */
const HOLDER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const cells = new Int32Array(workerData.gate);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
while (Atomics.compareExchange(cells, 0, 0, 1) !== 0) Atomics.wait(cells, 0, 1, 50);
db.exec('BEGIN IMMEDIATE');
db.prepare("INSERT INTO meta (key, value) VALUES ('held', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
parentPort.postMessage('holding');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('COMMIT');
Atomics.store(cells, 0, 0);
Atomics.notify(cells, 0);
db.close();
parentPort.postMessage('released');
`;

describe('writes outside the ingest path', () => {
  it('wait for the projection writer at the write gate instead of failing with "database is locked" when its transaction outlasts the busy timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-gated-'));
    const file = join(dir, 'd.db');
    try {
      const gate = new WriteGate(WriteGate.createBuffer());
      const db = openDatabase(file);
      // The writer holds its transaction 4 × longer than this connection's busy handler waits.
      db.pragma('busy_timeout = 250');
      const store = createStore(db, file, { gate, priority: true });
      const holder = new Worker(HOLDER, {
        eval: true,
        workerData: { file, gate: gate.buffer, holdMs: 1_000, sqlite: createRequire(import.meta.url).resolve('better-sqlite3') },
      });
      const released = new Promise((r) => holder.on('message', (m) => m === 'released' && r(m)));
      await new Promise((r) => holder.on('message', (m) => m === 'holding' && r(m)));

      const user = store.users.create({ username: 'an', displayName: 'An', role: 'city_leader', scopes: [], passwordHash: 'x' }, 1);
      store.audit.add({ at: 1, actor: 'an', role: 'admin', action: 'user.create', target: 'an', outcome: 'ok', details: null, ip: null });

      expect(user.username).toBe('an');
      expect(store.users.findByUsername('an')?.id).toBe(user.id);
      expect(store.audit.page({ limit: 10, offset: 0 }).total).toBe(1);
      await released;
      await holder.terminate();
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
