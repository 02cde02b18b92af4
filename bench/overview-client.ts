/**
 * The overview benchmark's HTTP client: sequential GETs on one kept-alive connection, each timed from
 * the request to the last byte of its body. `node` (the default since 7 Dec night): node:http, the
 * body's bytes as sent (compressed, not decoded: what the server did ends there); `fetch`: undici's
 * fetch, as before, decoding the brotli body (≈ its own CPU per request on the 2 cores the server shares). `child` runs it in a process of its own (forked,
 * driven over IPC), so the server's main thread, its GC and a profile of it hold the server alone;
 * `in-process` shares the server's event loop, as the benchmark did before 7 Dec afternoon (its figures
 * then include the client's ≈ 1 ms of CPU per request).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { BENCH_DIR, ROOT } from './lib.js';
import { monoUs } from './slow-requests.js';

export const CLIENT_MODES = ['child', 'in-process'] as const;
export type ClientMode = (typeof CLIENT_MODES)[number];
export const HTTP_CLIENTS = ['node', 'fetch'] as const;
export type HttpClient = (typeof HTTP_CLIENTS)[number];

export interface Timed {
  ms: number[];
  bytes: number;
  /** Each request's start and end on the monotonic clock every process shares (bench/slow-requests.ts). */
  startUs: number[];
  endUs: number[];
}

interface Answer {
  status: number;
  body: Buffer;
}

/** One GET as a browser asks (gzip, deflate, br accepted); its body as sent. */
function nodeGet(agent: Agent, url: string, cookie: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', ...(cookie ? { cookie } : {}) };
    const req = request(url + path, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function fetchGet(url: string, cookie: string, path: string): Promise<Answer> {
  const res = await fetch(url + path, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

/** GETs `paths` one after another on `url`, with the session `cookie`; throws on an answer other than 200. */
export async function timeGets(url: string, cookie: string, paths: string[], http: HttpClient = 'node'): Promise<Timed> {
  const ms: number[] = [];
  const startUs: number[] = [];
  const endUs: number[] = [];
  let bytes = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (p: string) => (http === 'node' ? nodeGet(agent, url, cookie, p) : fetchGet(url, cookie, p));
  for (const p of paths) {
    let t0 = performance.now();
    let s0 = monoUs();
    // A kept-alive connection the server closed as idle (its 5 s keep-alive timeout races the unit
    // detail's 5 s cache pauses) resets the request: asked again on a new one, timed from there.
    const res = await get(p).catch((err: Error & { code?: string; cause?: { code?: string } }) => {
      if ((err.cause?.code ?? err.code) !== 'ECONNRESET') throw err;
      t0 = performance.now();
      s0 = monoUs();
      return get(p);
    });
    ms.push(performance.now() - t0);
    startUs.push(s0);
    endUs.push(monoUs());
    if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${res.body.toString().slice(0, 300)}`);
    bytes = res.body.byteLength;
  }
  agent.destroy();
  return { ms, bytes, startUs, endUs };
}

export type ToClient = { type: 'gets'; url: string; cookie: string; paths: string[]; http: HttpClient };
export type FromClient = { type: 'gets'; result: Timed } | { type: 'error'; message: string };

export interface OverviewClient {
  mode: ClientMode;
  gets(paths: string[]): Promise<Timed>;
  close(): void;
}

/** A client of `url` in this process or in a forked one (its answers come in the order asked). */
export function overviewClient(mode: ClientMode, url: string, cookie: string, http: HttpClient = 'node'): OverviewClient {
  if (mode === 'in-process') return { mode, gets: (paths) => timeGets(url, cookie, paths, http), close: () => undefined };
  const child: ChildProcess = fork(join(BENCH_DIR, 'overview-client-child.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: ((m: FromClient) => void)[] = [];
  child.on('message', (m: FromClient) => waiting.shift()?.(m));
  return {
    mode,
    gets: (paths) =>
      new Promise<Timed>((res, rej) => {
        waiting.push((m) => (m.type === 'error' ? rej(new Error(m.message)) : res(m.result)));
        child.send({ type: 'gets', url, cookie, paths, http } satisfies ToClient);
      }),
    close() {
      if (child.connected) child.disconnect();
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    },
  };
}
