import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import type { SourceRow } from '../db/sources-repo.js';
import type { SourcesStore } from '../db/access-store/contract.js';
import { generateSourceKey, hashSourceKey } from '../ingest/keys.js';
import { vnStartOfDay, MS_PER_DAY } from '../domain/time.js';
import { loadProcedures } from './procedures.js';
import { dossiersPerWorkingDayOf } from './jurisdiction-volume.js';
import { createCityGenerator, type CityGenerator } from './generator.js';
import { seedHistory, startSimulator } from './runner.js';
import { HISTORY_UNTIL_KEY } from '../projection/data-trust-rows.js';

export interface DemoOptions {
  runtime: Runtime;
  clock: Clock;
  logger: Logger;
  seed: number;
  /** Volume of the live city (1 ≈ the real city's 15,000 dossiers a working day). */
  liveScale: number;
  seedDays: number;
  seedScale: number;
}

const DOSSIER_SOURCE = 'demo-simulator';
const TASK_SOURCE = 'demo-simulator-tasks';

type Submit = (kind: 'dossier' | 'task', events: unknown[]) => Promise<void> | void;

/**
 * The demo's two sources' batches go where the server's ingest routes send theirs: the asynchronous
 * path on the write store (PostgreSQL), each batch awaited; or the file's synchronous path, as before.
 */
function submitter(runtime: Runtime, dossiers: SourceRow, tasks: SourceRow): Submit {
  const source = (kind: 'dossier' | 'task') => (kind === 'dossier' ? dossiers : tasks);
  const path = runtime.asyncIngest;
  if (path) return async (kind, events) => void (await path.ingest(source(kind), kind, events));
  return (kind, events) => void runtime.ingest.ingest(source(kind), kind, events);
}

/**
 * The living demo city: on the first start, seeds `seedDays` of history; on later starts, replays
 * the seeded generator silently up to where the stored data ends and sends only what is missing;
 * then feeds the live city every second. Everything goes through the same ingest path as any source,
 * and its sources and its seed's marks are where that path keeps them (the access and write stores,
 * either engine).
 */
export async function startDemo(opts: DemoOptions): Promise<{ stop(): void; generator: CityGenerator }> {
  const { runtime, clock, logger } = opts;
  const { access, write } = runtime.app;
  const dossierSource = await ensureSource(access.sources, DOSSIER_SOURCE, 'dossier');
  const taskSource = await ensureSource(access.sources, TASK_SOURCE, 'task');
  const submit = submitter(runtime, dossierSource, taskSource);

  const generator = createCityGenerator({
    seed: opts.seed,
    jurisdiction: runtime.jurisdiction,
    procedures: loadProcedures(),
    calendar: runtime.calendar,
    officeHours: runtime.settings.officeHours,
    scale: opts.seedScale,
    model: { dossiersPerWorkingDay: dossiersPerWorkingDayOf(runtime.jurisdiction) },
  });

  const now = clock.now();
  const storedStart = await write.meta('demo.start');
  if (storedStart === null || Number(await write.meta('demo.seed')) !== opts.seed) {
    const from = vnStartOfDay(now) - opts.seedDays * MS_PER_DAY;
    const t0 = performance.now();
    // The seeded weeks reach us all at once: a history load, not back-dated data (data-trust.ts).
    await write.setMeta({ [HISTORY_UNTIL_KEY]: 'pending' });
    const counts = await seedHistory({ generator, from, to: now, submit });
    await write.setMeta({
      [HISTORY_UNTIL_KEY]: String(clock.now()),
      'demo.seed': String(opts.seed),
      'demo.start': String(from),
      'demo.seedEnd': String(now),
      'demo.seedScale': String(opts.seedScale),
    });
    logger.info({ days: opts.seedDays, scale: opts.seedScale, ...counts, ms: Math.round(performance.now() - t0) }, 'demo history seeded');
  } else {
    // Rebuild the generator's state exactly as it was, then send only what the store does not have.
    const start = Number(storedStart);
    const seedEnd = Number(await write.meta('demo.seedEnd'));
    generator.setScale(Number((await write.meta('demo.seedScale')) ?? opts.seedScale));
    generator.generate(start, seedEnd);
    generator.setScale(opts.liveScale);
    const stored = Math.max(seedEnd, (await access.sources.findByName(DOSSIER_SOURCE))?.lastEventAt ?? seedEnd);
    const resumeFrom = Math.min(stored, now);
    generator.generate(seedEnd, resumeFrom);
    const gap = generator.generate(resumeFrom, now);
    await submitAll(submit, gap.dossiers, gap.tasks);
    logger.info(
      { resumedFrom: new Date(resumeFrom).toISOString(), gapEvents: gap.dossiers.length + gap.tasks.length },
      'demo city resumed',
    );
  }
  generator.setScale(opts.liveScale);
  const sim = startSimulator({ generator, clock, submit });
  return { stop: () => sim.stop(), generator };
}

async function submitAll(submit: Submit, dossiers: unknown[], tasks: unknown[]): Promise<void> {
  for (let i = 0; i < dossiers.length; i += 5_000) await submit('dossier', dossiers.slice(i, i + 5_000));
  for (let i = 0; i < tasks.length; i += 5_000) await submit('task', tasks.slice(i, i + 5_000));
}

/** The simulator is an ordinary source with its own key; the key is random and never leaves the process. */
async function ensureSource(sources: Pick<SourcesStore, 'findByName' | 'upsertKey'>, name: string, kind: 'dossier' | 'task') {
  const existing = await sources.findByName(name);
  if (existing && existing.revokedAt === null && existing.kind === kind) return existing;
  return sources.upsertKey(name, kind, hashSourceKey(generateSourceKey()), Date.now());
}
