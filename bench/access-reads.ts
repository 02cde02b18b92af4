/**
 * The access store's reads over HTTP (issue 17, slice 3): GET /api/v1/audit (a page of 100 of 5,000
 * rows), GET /api/v1/admin/users (60 users) and GET /api/v1/auth/me (a session looked up per request),
 * sequential with keep-alive on 127.0.0.1 against an in-process server on SQLite. Per route: client-side
 * latency (p50/p99) and the process's CPU time per request (server and client share the process, so
 * compare runs of this script, A/B, not absolute figures). The same script runs on a tree before the
 * access store (the repositories called synchronously) for the A/B in BENCHMARKS.md.
 *   npx tsx bench/access-reads.ts [--requests 1500] [--rounds 1]
 */
import { join } from 'node:path';
import { createUser } from '../server/auth/users.js';
import { isMain, log, numArg, roundSummary, runMain, startInProcess, summarize, tempDir } from './lib.js';

async function timeRoute(url: string, cookie: string, n: number): Promise<{ p: ReturnType<typeof summarize>; cpuUsPerReq: number }> {
  const get = async () => {
    const res = await fetch(url, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 100; i++) await get();
  const ms: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await get();
    ms.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  return { p: summarize(ms), cpuUsPerReq: Math.round((cpu.user + cpu.system) / n) };
}

export async function accessReads(args: Map<string, string>) {
  const n = numArg(args, 'requests', 1500);
  const tmp = tempDir('bench-access-');
  const server = await startInProcess({ dbFile: join(tmp.dir, 'bench.db'), afterWriterStart: true });
  try {
    const { store } = server.runtime!;
    const now = Date.now();
    for (let i = 0; i < 5000; i++)
      store.audit.add({
        at: now - i,
        actor: `user:u${i % 60}`,
        role: 'admin',
        action: `a.${i % 12}`,
        target: 't',
        outcome: 'ok',
        ip: '127.0.0.1',
        details: { i },
      });
    for (let i = 0; i < 59; i++)
      store.users.create({ username: `u${i}`, displayName: `U ${i}`, role: 'unit_leader', scopes: ['unit:26740'], passwordHash: 'x' }, now);
    const password = 'bench password 79';
    await createUser(store, { username: 'bench-admin', password, role: 'admin', scopes: [], displayName: 'bench' }, now);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-admin', password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const out: Record<string, unknown> = {};
    for (const path of ['/api/v1/audit?pageSize=100', '/api/v1/admin/users', '/api/v1/auth/me']) {
      const r = await timeRoute(server.url + path, cookie, n);
      out[path] = { ...roundSummary(r.p), cpuUsPerReq: r.cpuUsPerReq };
      log(path, JSON.stringify(out[path]));
    }
    return out;
  } finally {
    await server.close();
    tmp.remove();
  }
}

if (isMain(import.meta.url)) void runMain('access-reads', accessReads);
