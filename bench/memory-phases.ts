/**
 * What a server process holds in memory at one moment, by kind (bench/memory-burst.ts asks the server
 * child for it between phases): the resident set split as Linux counts it (anonymous: JS heaps of every
 * thread, SQLite's page caches, native buffers; file: mapped code and files; shmem: the WAL index), the
 * main thread's V8 heap, and the engine's open items.
 */
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import type { Runtime } from '../server/runtime.js';

const MiB = 2 ** 20;
const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/** RssAnon, RssFile and RssShmem of this process (MiB), from /proc/self/status; empty elsewhere. */
function rssByKind(): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    for (const k of ['VmRSS', 'VmHWM', 'RssAnon', 'RssFile', 'RssShmem']) {
      const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status);
      if (m) out[k] = Math.round(Number(m[1]) / 102.4) / 10;
    }
  } catch {
    // not Linux
  }
  return out;
}

export function memoryPhase(runtime: Pick<Runtime, 'engine'>, collect: boolean) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) gc();
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, mib(s.space_used_size)]));
  return {
    collected: collect && gc !== undefined,
    procMiB: rssByKind(),
    mainHeapUsedMiB: mib(m.heapUsed),
    mainHeapTotalMiB: mib(m.heapTotal),
    externalMiB: mib(m.external),
    arrayBuffersMiB: mib(m.arrayBuffers),
    heapSpacesUsedMiB: spaces,
    open: runtime.engine.openCount,
  };
}
