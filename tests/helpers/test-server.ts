import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createRuntime, type Runtime } from '../../server/runtime.js';
import { manualClock } from '../../server/clock.js';
import { createLogger } from '../../server/logger.js';
import { generateSourceKey, hashSourceKey } from '../../server/ingest/keys.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/realtime/events.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

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
  close(opts?: { keepFiles?: boolean }): Promise<void>;
}

/** 2026-11-20 (Friday) 09:00 Vietnam time: a working morning. */
export const T0 = Date.parse('2026-11-20T09:00:00+07:00');

/** Starts the real app on port 0 with a real SQLite file in a temp folder and a hand-set clock. */
export async function startTestServer(
  opts: { start?: number; dir?: string; deltaFlushMs?: number; projectionFlushMs?: number } = {},
): Promise<TestServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'bdt-test-'));
  const dbFile = join(dir, 'dashboard.db');
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
    projectionFlushMs: opts.projectionFlushMs,
  });
  const dossierKey = generateSourceKey();
  const taskKey = generateSourceKey();
  runtime.store.sources.upsertKey('test-dossiers', 'dossier', hashSourceKey(dossierKey), clock.now());
  runtime.store.sources.upsertKey('test-tasks', 'task', hashSourceKey(taskKey), clock.now());
  await new Promise<void>((resolve) => runtime.app.http.listen(0, '127.0.0.1', resolve));
  const { port } = runtime.app.http.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const sockets: TestSocket[] = [];

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
    async socket() {
      const s: TestSocket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
      return s;
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

export function waitFor<T>(socket: TestSocket, event: keyof ServerToClientEvents, pred: (msg: any) => boolean = () => true, timeoutMs = 3000): Promise<T> {
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
