/**
 * The real server for the wall's browser tests, with what they need beyond e2e-server.ts: stop it
 * and start it again on the same port with the same database file (a server outage as the wall
 * sees it), optionally with another build id (a deployment). The demo city runs in it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRuntime, type Runtime } from '../../server/runtime.js';
import { systemClock } from '../../server/clock.js';
import { createLogger } from '../../server/logger.js';
import { generateSourceKey, hashSourceKey } from '../../server/ingest/keys.js';
import { startDemo } from '../../server/simulator/demo.js';
import { generateDisplayToken, hashDisplayToken } from '../../server/wall/display-tokens.js';
import type { ScopeKey } from '../../shared/contract/metrics.js';
import type { WallScene } from '../../server/wall/wall-types.js';

export interface WallE2eServer {
  url: string;
  port: number;
  dbFile: string;
  dossierKey: string;
  /** The running runtime (a new one after each start). */
  runtime(): Runtime;
  running(): boolean;
  /** Closes the server (sockets, HTTP, database) and the demo; the database file stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same database file. */
  start(opts?: { build?: string }): Promise<void>;
  addDisplay(name: string, scope: ScopeKey): string;
  addPreset(name: string, scenes: WallScene[], intervalSeconds: number): void;
  close(): Promise<void>;
}

export const CLOCK_TICK_MS = 1_000;
export const SILENT_SOURCE = 'e2e-silent-source';
/** A 24/7 source quiet for 40 minutes of its 60: late (over half its threshold), not yet silent. */
export const LATE_SOURCE = 'e2e-late-source';
const LATE_QUIET_MS = 40 * 60_000;

export async function startWallE2eServer(opts: { build?: string } = {}): Promise<WallE2eServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bdt-wall-e2e-'));
  const dbFile = join(dir, 'dashboard.db');
  const logger = createLogger('silent');
  const dossierKey = generateSourceKey();
  const silentKey = generateSourceKey();
  const lateKey = generateSourceKey();
  let port = 0;
  let runtime: Runtime | null = null;
  let demo: { stop(): void } | null = null;

  async function start(o: { build?: string } = {}): Promise<void> {
    if (runtime) throw new Error('already running');
    const rt = createRuntime({
      dbFile,
      clock: systemClock,
      logger,
      build: o.build ?? opts.build ?? 'e2e-wall',
      clientDir: resolve(process.cwd(), 'dist/client'),
      deltaFlushMs: 250,
      clockTickMs: CLOCK_TICK_MS,
      boundariesDir: join(dir, 'boundaries'),
    });
    demo = await startDemo({ runtime: rt, clock: systemClock, logger, seed: 79, liveScale: 0.2, seedDays: 10, seedScale: 0.08 });
    rt.store.sources.upsertKey('e2e-dossiers', 'dossier', hashSourceKey(dossierKey), Date.now());
    // A source that never sends: the wall must name it.
    rt.store.sources.upsertKey(SILENT_SOURCE, 'task', hashSourceKey(silentKey), Date.now());
    // A source that sent 40 minutes ago: the wall must name it as late.
    const late = rt.store.sources.upsertKey(LATE_SOURCE, 'dossier', hashSourceKey(lateKey), Date.now());
    rt.store.sources.setSilence(LATE_SOURCE, { silentAfterMs: 60 * 60_000, hours: 'always' });
    rt.store.sources.markSeen(late.id, Date.now() - LATE_QUIET_MS, Date.now() - LATE_QUIET_MS);
    await new Promise<void>((r, reject) => {
      rt.app.http.once('error', reject);
      rt.app.http.listen(port, '127.0.0.1', () => {
        rt.app.http.off('error', reject);
        r();
      });
    });
    port = (rt.app.http.address() as AddressInfo).port;
    runtime = rt;
  }

  async function stop(): Promise<void> {
    if (!runtime) return;
    const rt = runtime;
    runtime = null;
    demo?.stop();
    demo = null;
    // Keep-alive connections of the browser would hold the port; an outage drops them all.
    rt.app.http.closeAllConnections();
    await rt.close();
  }

  await start();
  const current = (): Runtime => {
    if (!runtime) throw new Error('the server is stopped');
    return runtime;
  };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    dbFile,
    dossierKey,
    runtime: current,
    running: () => runtime !== null,
    stop,
    start,
    addDisplay(name, scope) {
      const token = generateDisplayToken();
      current().store.displays.create(name, scope, hashDisplayToken(token), Date.now());
      return token;
    },
    addPreset(name, scenes, intervalSeconds) {
      current().store.wallPresets.save(name, scenes, intervalSeconds, Date.now());
    },
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
