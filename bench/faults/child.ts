/**
 * The server of the fault suite, alone in its own process so that it can be SIGKILLed: createRuntime on
 * --db, the sources given in FAULTS_SOURCES (the same keys on every start, so a restarted server knows
 * the same sources and their idempotency keys), listen on 127.0.0.1:0, wait for runtime.ready (after a
 * SIGKILL, the recovery runs first), then print `READY {"url"}`. Its clock is the system clock plus an
 * offset the parent moves with a line `advance <ms>` on stdin (answered `ADVANCED <now>`): an hour of
 * silence passes at once. Exits on SIGTERM (gracefully) or when stdin closes.
 *   FAULTS_SOURCES='[{"name","kind","key","silentAfterMinutes"?,"hours"?}]' node --import tsx bench/faults/child.ts --db /tmp/x.db
 */
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createRuntime } from '../../server/runtime.js';
import { createLogger } from '../../server/logger.js';
import { hashSourceKey } from '../../server/ingest/keys.js';
import type { ChildSource } from './server.js';

const argv = process.argv.slice(2);
const dbFile = argv[argv.indexOf('--db') + 1];
if (!argv.includes('--db') || !dbFile) {
  console.error('usage: FAULTS_SOURCES=… child.ts --db <file>');
  process.exit(2);
}
const sources = JSON.parse(process.env.FAULTS_SOURCES ?? '[]') as ChildSource[];

let offsetMs = Number(process.env.FAULTS_CLOCK_OFFSET_MS ?? 0);
const clock = { now: () => Date.now() + offsetMs };
const runtime = createRuntime({
  dbFile,
  clock,
  logger: createLogger('silent'),
  build: 'faults',
  clientDir: null,
  // The rate limit is not under test here: the crash case's senders must not be refused for speed.
  security: { ingestRatePerMinute: 1_000_000 },
  boundariesDir: join(dirname(dbFile), 'boundaries'),
});
for (const s of sources) {
  runtime.store.sources.upsertKey(s.name, s.kind, hashSourceKey(s.key), clock.now());
  if (s.silentAfterMinutes !== undefined || s.hours !== undefined) {
    runtime.store.sources.setSilence(s.name, {
      silentAfterMs: s.silentAfterMinutes === undefined ? undefined : s.silentAfterMinutes * 60_000,
      hours: s.hours,
    });
  }
}
await new Promise<void>((res) => runtime.app.http.listen(0, '127.0.0.1', res));
await runtime.ready;
const { port } = runtime.app.http.address() as AddressInfo;
process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid })}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await runtime.close();
  process.exit(0);
}
createInterface({ input: process.stdin }).on('line', (line) => {
  const m = /^advance (\d+)$/.exec(line.trim());
  if (!m) return;
  offsetMs += Number(m[1]);
  process.stdout.write(`ADVANCED ${clock.now()}\n`);
});
process.stdin.on('close', () => void stop());
process.on('SIGTERM', () => void stop());
