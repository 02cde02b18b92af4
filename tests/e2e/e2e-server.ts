import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRuntime, type Runtime } from '../../server/runtime.js';
import { systemClock } from '../../server/clock.js';
import { createLogger } from '../../server/logger.js';
import { generateSourceKey, hashSourceKey } from '../../server/ingest/keys.js';
import { startDemo } from '../../server/simulator/demo.js';

export interface E2eServer {
  url: string;
  runtime: Runtime;
  dossierKey: string;
  close(): Promise<void>;
}

/**
 * The real server with the built client (dist/client, built by `npm test` before the tests run),
 * a real SQLite file, and the demo city seeded with a short, small history so the test starts fast.
 */
export async function startE2eServer(): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bdt-e2e-'));
  const logger = createLogger('silent');
  const runtime = createRuntime({
    dbFile: join(dir, 'dashboard.db'),
    clock: systemClock,
    logger,
    build: 'e2e',
    clientDir: resolve(process.cwd(), 'dist/client'),
    deltaFlushMs: 250,
    clockTickMs: 1000,
    boundariesDir: join(dir, 'boundaries'),
  });
  const demo = await startDemo({ runtime, clock: systemClock, logger, seed: 79, liveScale: 0.2, seedDays: 10, seedScale: 0.08 });
  const dossierKey = generateSourceKey();
  runtime.store.sources.upsertKey('e2e-dossiers', 'dossier', hashSourceKey(dossierKey), Date.now());
  await new Promise<void>((r) => runtime.app.http.listen(0, '127.0.0.1', r));
  const { port } = runtime.app.http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    dossierKey,
    async close() {
      demo.stop();
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
