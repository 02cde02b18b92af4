import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRuntime, type Runtime } from '../../server/runtime.js';
import { DEFAULT_CALENDAR_DIR } from '../../server/config/calendar-loader.js';
import { systemClock } from '../../server/clock.js';
import { createLogger } from '../../server/logger.js';
import { generateSourceKey, hashSourceKey } from '../../server/ingest/keys.js';
import { startDemo } from '../../server/simulator/demo.js';
import { createUser } from '../../server/auth/users.js';
import type { UserRole } from '../../server/db/users-repo.js';
import type { ScopeKey } from '../../shared/contract/metrics.js';

/** The password of every user the browser tests create. */
export const E2E_PASSWORD = 'e2e password 79';

export interface E2eServer {
  url: string;
  runtime: Runtime;
  dossierKey: string;
  /** The server's calendar files: a copy of fixtures/calendar (the calendar tab may edit it). */
  calendarDir: string;
  /** Creates a user who signs in with E2E_PASSWORD. */
  addUser(username: string, role: UserRole, scope?: ScopeKey | null): Promise<void>;
  /** GET an API path as a signed-in city leader (the tests' own look-ups, outside the browser). */
  api<T = any>(path: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * The real server with the built client (dist/client, built by `npm test` before the tests run),
 * a real SQLite file, and the demo city seeded with a short, small history so the test starts fast.
 */
export async function startE2eServer(options: { deltaFlushMs?: number; jurisdiction?: 'hcmc' | 'vn' } = {}): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bdt-e2e-'));
  const logger = createLogger('silent');
  const calendarDir = join(dir, 'calendar');
  cpSync(DEFAULT_CALENDAR_DIR, calendarDir, { recursive: true });
  const runtime = createRuntime({
    dbFile: join(dir, 'dashboard.db'),
    clock: systemClock,
    logger,
    build: 'e2e',
    clientDir: resolve(process.cwd(), 'dist/client'),
    deltaFlushMs: options.deltaFlushMs ?? 250,
    clockTickMs: 1000,
    boundariesDir: join(dir, 'boundaries'),
    calendarDir,
    jurisdiction: options.jurisdiction,
  });
  // The country is ≈ 20 × the city: a smaller share of it seeds as fast.
  const national = options.jurisdiction === 'vn';
  const demo = await startDemo({
    runtime,
    clock: systemClock,
    logger,
    seed: 79,
    liveScale: national ? 0.005 : 0.2,
    seedDays: national ? 4 : 10,
    seedScale: national ? 0.004 : 0.08,
  });
  const dossierKey = generateSourceKey();
  runtime.store.sources.upsertKey('e2e-dossiers', 'dossier', hashSourceKey(dossierKey), Date.now());
  await new Promise<void>((r) => runtime.app.http.listen(0, '127.0.0.1', r));
  const { port } = runtime.app.http.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const addUser = async (username: string, role: UserRole, scope: ScopeKey | null = null) => {
    await createUser(
      runtime.store,
      { username, password: E2E_PASSWORD, role, scopes: scope ? [scope] : [], displayName: username },
      Date.now(),
      {
        replace: true,
      },
    );
  };
  await addUser('e2e-api', 'city_leader');
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'e2e-api', password: E2E_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    url,
    runtime,
    dossierKey,
    calendarDir,
    addUser,
    async api(path) {
      const res = await fetch(`${url}${path}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
      return res.json();
    },
    async close() {
      demo.stop();
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
