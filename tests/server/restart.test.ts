import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCityGenerator } from '../../server/simulator/generator.js';
import { loadProcedures } from '../../server/simulator/procedures.js';
import { PERIODS } from '../../server/metrics/types.js';
import { MS_PER_DAY } from '../../server/domain/time.js';
import type { Runtime } from '../../server/runtime.js';
import { startTestServer, T0 } from '../helpers/test-server.js';

function allMetrics(rt: Runtime) {
  const out: Record<string, unknown> = {};
  for (const scope of rt.engine.scopes()) for (const p of PERIODS) out[`${scope}|${p}`] = rt.engine.metrics(scope, p);
  return out;
}

describe('restart over the real SQLite store', () => {
  it('rebuilds exactly the same metrics from the projections, and the SQL lists agree with the engine', async () => {
    const first = await startTestServer();
    const rt = first.runtime;
    const source = rt.store.sources.findByName('test-dossiers')!;
    const tasks = rt.store.sources.findByName('test-tasks')!;
    const gen = createCityGenerator({
      seed: 7,
      jurisdiction: rt.jurisdiction,
      procedures: loadProcedures(),
      calendar: rt.calendar,
      scale: 0.02,
    });
    const { dossiers, tasks: taskEvents } = gen.generate(T0 - 12 * MS_PER_DAY, T0);
    for (let i = 0; i < dossiers.length; i += 2000) rt.ingest.ingest(source, 'dossier', dossiers.slice(i, i + 2000));
    rt.ingest.ingest(tasks, 'task', taskEvents);
    // Time passes with no event: dossiers turn overdue by the clock, then a day rolls.
    first.clock.set(T0 + 1.5 * MS_PER_DAY);
    rt.engine.advance(first.clock.now());
    const before = allMetrics(rt);
    expect((before['city|month'] as { received: number }).received).toBeGreaterThan(500);
    expect((before['city|live'] as { overdue: number }).overdue).toBeGreaterThan(0);
    // The simulator's buck-passers leave cases, so the restart below is compared on them too.
    expect((before['city|month'] as { buckPassingCases: number }).buckPassingCases).toBeGreaterThan(0);

    // The SQL side classifies overdue the same way as the engine, unit by unit.
    const sqlOverdue = rt.store.read.overdueCounts(first.clock.now());
    for (const u of rt.jurisdiction.units) {
      expect(sqlOverdue.get(u.code) ?? 0, u.code).toBe(rt.engine.metrics(`unit:${u.code}`, 'live').overdue);
    }

    const at = first.clock.now();
    await first.close({ keepFiles: true });
    const second = await startTestServer({ dir: first.dir, start: at });
    try {
      expect(allMetrics(second.runtime)).toEqual(before);
    } finally {
      await second.close();
      rmSync(first.dir, { recursive: true, force: true });
    }
  }, 60_000);
});
