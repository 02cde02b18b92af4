/**
 * The WAL stays bounded under sustained ingest: the projection writer cuts it back once it passes
 * 64 MiB (server/projection/worker.ts). Without that, it grew by about 5 KiB per event (1.5 GiB for
 * 300,000 events in bench/ingest-http.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { startTestServer, T0 } from '../../helpers/test-server.js';

const BOUND_MIB = 64;

describe('the WAL under sustained ingest', () => {
  it('stays under its bound plus a batch of writes while more than the bound is written', async () => {
    const srv = await startTestServer();
    try {
      const rt = srv.runtime;
      const source = rt.store.sources.findByName('test-dossiers')!;
      const gen = createCityGenerator({
        seed: 5,
        jurisdiction: rt.jurisdiction,
        procedures: loadProcedures(),
        calendar: rt.calendar,
        scale: 0.1,
      });
      const events = gen.generate(T0 - 30 * MS_PER_DAY, T0).dossiers;
      const wal = `${srv.dbFile}-wal`;
      let peak = 0;
      let last = 0;
      let written = 0;
      for (let i = 0; i < events.length; i += 1000) {
        rt.ingest.ingest(source, 'dossier', events.slice(i, i + 1000));
        // Let the projection writer run between batches, as it does between requests.
        await new Promise((r) => setTimeout(r, 5));
        if (existsSync(wal)) {
          const size = statSync(wal).size;
          // A smaller file: it was cut back, after holding at least `last` bytes.
          if (size < last) written += last;
          last = size;
          peak = Math.max(peak, size);
        }
      }
      rt.projections.sync();
      const lastSize = existsSync(wal) ? statSync(wal).size : 0;
      // More than the bound went through the WAL (else this proves nothing), yet it never held much more.
      expect((written + Math.max(last, lastSize)) / 2 ** 20).toBeGreaterThan(BOUND_MIB * 1.5);
      expect(peak / 2 ** 20).toBeLessThan(BOUND_MIB * 1.5);
    } finally {
      await srv.close();
    }
  }, 180_000);
});
