/**
 * The real runtime in a child process, for tests that kill it (SIGKILL) at a chosen moment or watch
 * it recover after such a kill:
 *   node --import tsx tests/helpers/crash-server.ts <db file> <projection flush ms> [log level]
 * Prints `READY {"url", "dossierKey"}` once it listens (after an unclean stop: while the projections
 * are recovered), then `RECOVERED {"restoreMs"}` once it serves, then serves until killed. The log
 * (pino, `silent` unless given) goes to stdout too.
 * The clock is fixed at T0 (test-server.ts) so the events of the tests are accepted.
 */
import type { AddressInfo } from 'node:net';
import { join, dirname } from 'node:path';
import { createRuntime } from '../../server/runtime.js';
import { manualClock } from '../../server/clock.js';
import { createLogger } from '../../server/logger.js';
import { generateSourceKey, hashSourceKey } from '../../server/ingest/keys.js';

const T0 = Date.parse('2026-11-20T09:00:00+07:00');
const [dbFile, flushMs, logLevel] = process.argv.slice(2);
const clock = manualClock(T0);
const runtime = createRuntime({
  dbFile,
  clock,
  logger: createLogger(logLevel ?? 'silent'),
  build: 'test',
  clientDir: null,
  boundariesDir: join(dirname(dbFile), 'boundaries'),
  projectionFlushMs: Number(flushMs),
});
const dossierKey = generateSourceKey();
runtime.store.sources.upsertKey('test-dossiers', 'dossier', hashSourceKey(dossierKey), clock.now());
runtime.app.http.listen(0, '127.0.0.1', () => {
  const { port } = runtime.app.http.address() as AddressInfo;
  process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, dossierKey })}\n`);
  void runtime.ready.then(() => process.stdout.write(`RECOVERED ${JSON.stringify({ restoreMs: runtime.restoreMs })}\n`));
});
