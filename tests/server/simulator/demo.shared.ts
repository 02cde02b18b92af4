/**
 * The demo city (server/simulator/demo.ts) on a real server, one suite run on each engine (issue 17):
 * demo-sqlite.test.ts (the file's synchronous ingest path) and demo-postgres.test.ts (the access and
 * write stores, so the asynchronous ingest path, on PostgreSQL). Its history is seeded through the
 * engine's ingest path and reaches the metrics, its sources and seed marks are kept in that engine,
 * the live city keeps sending, and a restart resumes the seeded city instead of seeding it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteStore } from '../../../server/db/write-store/contract.js';
import { createLogger } from '../../../server/logger.js';
import { HISTORY_UNTIL_KEY } from '../../../server/projection/data-trust-rows.js';
import { startDemo } from '../../../server/simulator/demo.js';
import type { TestServer } from '../../helpers/test-server.js';

export interface DemoHarness {
  /** Starts a server on the engine at `at` (default T0), on the same data when called again; the suite closes each. */
  start(at?: number): Promise<TestServer>;
  /** The engine's write store (the log and `meta`), read by the suite, not closed by it. */
  write: WriteStore;
  close(): Promise<void>;
}

const DEMO = { seed: 17, liveScale: 0.02, seedDays: 2, seedScale: 0.02, logger: createLogger('silent') };

export function describeDemo(engine: string, open: () => Promise<DemoHarness>): void {
  describe(`the demo city on ${engine}`, () => {
    let h: DemoHarness;
    let server: TestServer | undefined;
    beforeAll(async () => {
      h = await open();
    }, 120_000);
    afterAll(async () => {
      await server?.close({ keepFiles: true });
      await h?.close();
    });

    it('seeds its history through the engine’s ingest path into the metrics, keeps its marks there, and feeds the live city', async () => {
      server = await h.start();
      const demo = await startDemo({ ...DEMO, runtime: server.runtime, clock: server.clock });
      try {
        const seeded = await h.write.maxSeq();
        expect(seeded).toBeGreaterThan(1_000);
        expect(Number(await h.write.meta('demo.seed'))).toBe(DEMO.seed);
        expect(Number(await h.write.meta('demo.seedEnd'))).toBe(server.clock.now());
        expect(Number(await h.write.meta(HISTORY_UNTIL_KEY))).toBeGreaterThan(0);
        expect(server.runtime.engine.openCount.dossiers).toBeGreaterThan(0);
        const sources = await server.runtime.app.access.sources.list();
        expect(sources.filter((s) => s.name.startsWith('demo-simulator')).map((s) => s.name)).toEqual([
          'demo-simulator',
          'demo-simulator-tasks',
        ]);
        // Half an hour of the live city, sent at its next tick.
        server.clock.advance(30 * 60_000);
        await expect.poll(() => h.write.maxSeq(), { timeout: 10_000 }).toBeGreaterThan(seeded);
      } finally {
        demo.stop();
      }
    });

    it('resumes the seeded city after a restart: the same sources, not seeded again, only the missing hour sent', async () => {
      const before = await h.write.maxSeq();
      const start = await h.write.meta('demo.start');
      const ids = (await server!.runtime.app.access.sources.list()).map((s) => s.id).sort();
      const at = server!.clock.now();
      await server!.close({ keepFiles: true });
      server = await h.start(at + 60 * 60_000);
      const demo = await startDemo({ ...DEMO, runtime: server.runtime, clock: server.clock });
      try {
        expect(await h.write.meta('demo.start')).toBe(start);
        expect((await server.runtime.app.access.sources.list()).map((s) => s.id).sort()).toEqual(ids);
        const after = await h.write.maxSeq();
        expect(after).toBeGreaterThan(before);
        // An hour of a city at 2 % of its volume: far less than the two days seeded.
        expect(after - before).toBeLessThan(before / 4);
      } finally {
        demo.stop();
      }
    });
  });
}
