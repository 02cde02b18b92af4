/**
 * Every connection's SQLite page cache is bounded (server/db/connection.ts): each connection keeps its
 * own for the process's life, so three of 256 MiB held over 500 MiB of the server's RSS after a burst of
 * 100,000 events (issue 15, bench/memory-burst.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_KIB, openDatabase, openReadOnlyDatabase } from '../../../server/db/connection.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the page cache of a connection', () => {
  it('is at most 64 MiB for the read-write connections and 128 MiB for a read-only one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-cache-'));
    dirs.push(dir);
    const file = join(dir, 'd.db');
    const rw = openDatabase(file);
    const ro = openReadOnlyDatabase(file);
    try {
      // A negative cache_size is in KiB.
      expect(-(rw.pragma('cache_size', { simple: true }) as number)).toBe(CACHE_KIB);
      expect(CACHE_KIB).toBeLessThanOrEqual(64 * 1024);
      expect(-(ro.pragma('cache_size', { simple: true }) as number)).toBeLessThanOrEqual(128 * 1024);
    } finally {
      ro.close();
      rw.close();
    }
  });
});
