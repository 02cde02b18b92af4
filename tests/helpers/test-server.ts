import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../server/runtime.js';
import { DEFAULT_CALENDAR_DIR } from '../../server/config/calendar-loader.js';
import { manualClock } from '../../server/clock.js';
import { createLogger } from '../../server/logger.js';
import { generateSourceKey, hashSourceKey } from '../../server/ingest/keys.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/realtime/events.js';
import type { SecuritySettings } from '../../server/app.js';
import type { Role } from '../../server/auth/policy.js';
import type { ScopeKey } from '../../server/metrics/types.js';
import { createUser } from '../../server/auth/users.js';
import { generateDisplayToken, hashDisplayToken } from '../../server/wall/display-tokens.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface HttpAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** A client acting as one principal: a signed-in user (session cookie + CSRF token), a display (bearer token), or the public. */
export interface RoleClient {
  role: Role;
  scope: ScopeKey | null;
  cookie: string | null;
  csrf: string | null;
  username: string | null;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  get(path: string): Promise<HttpAnswer>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  socket(): Promise<TestSocket>;
}

/** A password every test user gets. */
export const TEST_PASSWORD = 'correct horse battery';

export interface TestServer {
  url: string;
  runtime: Runtime;
  clock: ReturnType<typeof manualClock>;
  dir: string;
  dbFile: string;
  dossierKey: string;
  taskKey: string;
  post(path: string, body: unknown, key?: string | null, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(path: string): Promise<{ status: number; body: any }>;
  socket(): Promise<TestSocket>;
  /** A client acting as `role` (a user created for it and signed in over HTTP; a display token; or nobody). */
  as(role: Role, scope?: ScopeKey | null): Promise<RoleClient>;
  /** Creates a user directly in the store (password TEST_PASSWORD unless given). */
  addUser(username: string, role: Exclude<Role, 'display' | 'public'>, scope?: ScopeKey | null, password?: string): Promise<void>;
  close(opts?: { keepFiles?: boolean }): Promise<void>;
}

/** 2026-11-20 (Friday) 09:00 Vietnam time: a working morning. */
export const T0 = Date.parse('2026-11-20T09:00:00+07:00');

/** Starts the real app on port 0 with a real SQLite file in a temp folder and a hand-set clock. */
export async function startTestServer(
  opts: {
    start?: number;
    dir?: string;
    deltaFlushMs?: number;
    security?: Partial<SecuritySettings>;
    projectionFlushMs?: number;
    ingestMaxLagEvents?: number;
    replayMaxItems?: number;
    /** The working calendar's files; default: a copy of fixtures/calendar in the test's folder (made once per folder). */
    calendarDir?: string;
    /** The jurisdiction pack (default hcmc). */
    jurisdiction?: string;
    /** One node of several: lockouts, sessions and rate limits in this Redis, sockets fanned out through it. */
    cluster?: RuntimeOptions['cluster'];
    /** Users, sources and the audit log on another engine (PostgreSQL); the SQLite file's by default. */
    access?: RuntimeOptions['access'];
    /** The dossier and task lists and item pages on another engine (PostgreSQL); the SQLite file's by default. */
    items?: RuntimeOptions['items'];
    /** Wall displays and presets on another engine (PostgreSQL); the SQLite file's by default. */
    walls?: RuntimeOptions['walls'];
    officials?: RuntimeOptions['officials'];
    requests?: RuntimeOptions['requests'];
    past?: RuntimeOptions['past'];
    dataTrust?: RuntimeOptions['dataTrust'];
    index?: RuntimeOptions['index'];
    /** The early warning's pushed alerts on another engine (PostgreSQL); the SQLite file's by default. */
    atRisk?: RuntimeOptions['atRisk'];
    /** INGEST_KEYS: sources stored at the start, in the access store. */
    ingestKeys?: RuntimeOptions['ingestKeys'];
    /** The event log and quarantine on another engine (PostgreSQL): ingest logs there; the SQLite file's by default. */
    write?: RuntimeOptions['write'];
    /** The projection writer's store on PostgreSQL: the item store's tables written there, the metrics restored from them. */
    projection?: RuntimeOptions['projection'];
  } = {},
): Promise<TestServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'bdt-test-'));
  const dbFile = join(dir, 'dashboard.db');
  // A copy, so that a test editing the calendar (the admin's calendar tab) never writes the repository's fixtures.
  const calendarDir = opts.calendarDir ?? join(dir, 'calendar');
  if (!opts.calendarDir && !existsSync(calendarDir)) cpSync(DEFAULT_CALENDAR_DIR, calendarDir, { recursive: true });
  const clock = manualClock(opts.start ?? T0);
  const runtime = createRuntime({
    dbFile,
    clock,
    logger: createLogger('silent'),
    build: 'test',
    clientDir: null,
    deltaFlushMs: opts.deltaFlushMs ?? 50,
    clockTickMs: 200,
    boundariesDir: join(dir, 'boundaries'),
    calendarDir,
    security: opts.security,
    // Sessions and lockouts follow the same hand-set clock, so tests move time instead of waiting.
    authClock: clock,
    projectionFlushMs: opts.projectionFlushMs,
    ingestMaxLagEvents: opts.ingestMaxLagEvents,
    replayMaxItems: opts.replayMaxItems,
    jurisdiction: opts.jurisdiction,
    cluster: opts.cluster,
    access: opts.access,
    items: opts.items,
    walls: opts.walls,
    officials: opts.officials,
    requests: opts.requests,
    past: opts.past,
    dataTrust: opts.dataTrust,
    index: opts.index,
    ingestKeys: opts.ingestKeys,
    atRisk: opts.atRisk,
    write: opts.write,
    projection: opts.projection,
  });
  const dossierKey = generateSourceKey();
  const taskKey = generateSourceKey();
  runtime.store.sources.upsertKey('test-dossiers', 'dossier', hashSourceKey(dossierKey), clock.now());
  runtime.store.sources.upsertKey('test-tasks', 'task', hashSourceKey(taskKey), clock.now());
  await new Promise<void>((resolve) => runtime.app.http.listen(0, '127.0.0.1', resolve));
  // After an unclean stop (a test's crash), the projections are recovered first.
  await runtime.ready;
  const { port } = runtime.app.http.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const sockets: TestSocket[] = [];
  let userSeq = 0;

  async function request(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<HttpAnswer> {
    const res = await fetch(url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async function openSocket(extra: { cookie?: string | null; displayToken?: string } = {}): Promise<TestSocket> {
    const s: TestSocket = ioClient(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...(extra.cookie ? { extraHeaders: { cookie: extra.cookie } } : {}),
      ...(extra.displayToken ? { auth: { displayToken: extra.displayToken } } : {}),
    });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    return s;
  }

  async function addUser(
    username: string,
    role: Exclude<Role, 'display' | 'public'>,
    scope: ScopeKey | null = null,
    password = TEST_PASSWORD,
  ) {
    await createUser(
      runtime.app.access,
      {
        username,
        password,
        role,
        // Bound roles hold their unit; a leader or supervisor given a province is bound to it (national packs).
        scopes: scope && (role === 'unit_leader' || role === 'department' || scope.startsWith('province:')) ? [scope] : [],
        displayName: username,
      },
      clock.now(),
    );
  }

  function client(
    role: Role,
    scope: ScopeKey | null,
    auth: { cookie?: string | null; csrf?: string | null; bearer?: string; username?: string | null },
  ): RoleClient {
    const base: Record<string, string> = {};
    if (auth.cookie) base.cookie = auth.cookie;
    if (auth.bearer) base.authorization = `Bearer ${auth.bearer}`;
    const c: RoleClient = {
      role,
      scope,
      cookie: auth.cookie ?? null,
      csrf: auth.csrf ?? null,
      username: auth.username ?? null,
      request: (method, path, body, headers = {}) =>
        request(method, path, body, { ...base, ...(auth.csrf && method !== 'GET' ? { 'x-csrf-token': auth.csrf } : {}), ...headers }),
      get: (path) => c.request('GET', path),
      post: (path, body = {}, headers) => c.request('POST', path, body, headers),
      socket: () => openSocket({ cookie: auth.cookie, displayToken: auth.bearer }),
    };
    return c;
  }

  return {
    url,
    runtime,
    clock,
    dir,
    dbFile,
    dossierKey,
    taskKey,
    async post(path, body, key = dossierKey, headers = {}) {
      const res = await fetch(url + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async get(path) {
      const res = await fetch(url + path);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    socket: () => openSocket(),
    addUser,
    async as(role, scope = null) {
      if (role === 'public') return client('public', null, {});
      if (role === 'display') {
        const token = generateDisplayToken();
        const s = scope ?? 'city';
        runtime.store.displays.create(`test-display-${++userSeq}`, s, hashDisplayToken(token), clock.now());
        return client('display', s, { bearer: token });
      }
      // A server restarted on the same folder already has the users of the first start.
      let username = `test-${role.replace('_', '-')}-${++userSeq}`;
      while (runtime.store.users.findByUsername(username)) username = `test-${role.replace('_', '-')}-${++userSeq}`;
      await addUser(username, role, scope);
      const res = await request('POST', '/api/v1/auth/login', { username, password: TEST_PASSWORD }, {});
      if (res.status !== 200) throw new Error(`login as ${role} answered ${res.status}: ${JSON.stringify(res.body)}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      const bound = role === 'unit_leader' || role === 'department' || (scope?.startsWith('province:') ?? false);
      return client(role, bound ? scope : role === 'admin' ? null : 'city', {
        cookie,
        csrf: res.body.csrfToken,
        username,
      });
    },
    async close({ keepFiles = false } = {}) {
      for (const s of sockets) s.disconnect();
      await runtime.close();
      if (!keepFiles && !opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid `received` event in wire form. */
export function receivedEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'e-recv-1',
    type: 'received',
    dossierId: 'D-1',
    at: '2026-11-20T08:00:00+07:00',
    unit: '26740',
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
    channel: 'online',
    dueAt: '2026-11-25T17:00:00+07:00',
    ...over,
  };
}

export function waitFor<T>(
  socket: TestSocket,
  event: keyof ServerToClientEvents,
  pred: (msg: any) => boolean = () => true,
  timeoutMs = 3000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`timed out waiting for ${String(event)}`));
    }, timeoutMs);
    const handler = (msg: any) => {
      if (!pred(msg)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(msg as T);
    };
    socket.on(event, handler as never);
  });
}
