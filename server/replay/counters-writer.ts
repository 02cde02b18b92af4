/**
 * Writes the restored counters beside the checkpoints (issue 16, replay_counters): for each checkpoint,
 * the metrics engine's per-scope counters at its instant, the open items whose reclassification falls
 * before `until` (its instant + horizonMs), and its `ahead` items. A cold moment then restores its
 * figures from them (restored-at.ts) instead of loading every open dossier into a new engine.
 *
 * Walks the checkpoints in order behind the checkpoint writer with one engine: a whole state (or a
 * plain JSON row) starts it as a restart loads it (engineFromCheckpoint); a compact delta moves it by
 * the items the delta changed, as live updates do. Depends on the checkpoints alone: rewritten at will.
 */
import type { ReplayRepo } from '../db/replay-repo.js';
import { compressCheckpoint } from '../db/replay-repo.js';
import { emptyDossierState } from '../domain/dossier.js';
import { emptyTaskState } from '../domain/task.js';
import { engineCounters, type EngineCounters } from '../metrics/engine-counters.js';
import { applyCompactDeltaTracked, checkpointFromChain, type DeltaChanges } from '../metrics/replay-delta.js';
import {
  closedTaskFootprint,
  engineFromCheckpoint,
  factsOfKey,
  type CheckpointState,
  type EngineDeps,
  type ReplayEngine,
} from '../metrics/replay-state.js';

/** A checkpoint's restored counters as stored (JSON). */
export interface StoredCounters {
  counters: EngineCounters;
  /** Open items whose next reclassification is at or before `until`: [0 dossier | 1 task, id, when]. */
  due: [0 | 1, string, number][];
  /** The checkpoint's `ahead` (CheckpointState.ahead). */
  ahead: [string, number][];
}

export interface CountersWriterDeps {
  repo: ReplayRepo;
  engine: EngineDeps;
  transaction: (fn: () => void) => void;
  /** How far past its checkpoint a row's due items reach, ms (at least the checkpoints' spacing). */
  horizonMs: number;
  /** Between checkpoints, to let the event loop run (live: the writer's resting yield). */
  yieldNow?: () => Promise<void>;
}

/**
 * Open dossiers from which the restored counters pay for themselves (BENCHMARKS.md §14). At the real
 * city's volume (≈ 35,000 open) they cut a cold moment's CPU p50 from 1.6 s to 0.2 s. At `npm start`'s
 * tenth of it (≈ 3,500 open) loading a checkpoint whole is cheap, while the rows would hold half the log's
 * size again and playing on from a restored moment refolds more than it saves (p95 207 against 29 ms).
 */
export const COUNTERS_MIN_OPEN = 20_000;

/** Whether a city with this many open dossiers gets restored counters (COUNTERS_MIN_OPEN). */
export const countersPay = (openDossiers: number): boolean => openDossiers >= COUNTERS_MIN_OPEN;

/** Checkpoints read per statement. */
const BATCH = 64;

/** Moves the engine to `at` by a delta's changes (the prev/next states and group counts it changed). */
function moveBy(r: ReplayEngine, at: number, ch: DeltaChanges): void {
  r.moveTo(at);
  const e = r.engine;
  for (const [id, prev, next] of ch.open) if (prev !== null || next !== null) e.applyDossier(prev, next ?? emptyDossierState(id));
  for (const [id, prev, next] of ch.tasks) if (prev !== null || next !== null) e.applyTask(prev, next ?? emptyTaskState(id));
  for (const [key, was, is] of ch.closedTasks) if (is !== was) e.loadClosedTasks(closedTaskFootprint(key), is - was);
  for (const [key, was, is] of ch.finished) if (is !== was) e.finished.dossiers(factsOfKey(key), is - was);
  e.advance(at);
}

/** The row of the engine's state at the checkpoint `cp`. */
export function countersOf(r: ReplayEngine, cp: CheckpointState, until: number): StoredCounters {
  const due = r.engine.scheduledBy(until).map((d): [0 | 1, string, number] => [d.kind === 'dossier' ? 0 : 1, d.id, d.at]);
  return { counters: engineCounters(r.engine), due, ahead: [...cp.ahead] };
}

export function createCountersWriter(deps: CountersWriterDeps) {
  const { repo } = deps;
  let walk: { cp: CheckpointState; r: ReplayEngine } | null = null;
  let running = false;

  return {
    /** Writes the counters of every checkpoint that has none after the last that has (at most `max`); answers how many. */
    async catchUp(max = Number.MAX_SAFE_INTEGER): Promise<number> {
      if (running) return 0;
      running = true;
      try {
        return await writeRows(max);
      } finally {
        running = false;
      }
    },
  };

  /** See catchUp. */
  async function writeRows(max: number): Promise<number> {
    let written = 0;
    let last = repo.lastCountersAt() ?? Number.MIN_SAFE_INTEGER;
    while (written < max) {
      const marks = repo.checkpointsAfter(last, Math.min(BATCH, max - written));
      if (marks.length === 0) break;
      for (const m of marks) {
        if (walk !== null && walk.cp.at === last && !m.whole && m.compact) {
          const w = walk;
          walk = null; // half moved if it throws: the next run starts again from the chain
          moveBy(w.r, m.at, applyCompactDeltaTracked(w.cp, repo.checkpointText(m.at).json));
          walk = w;
        } else {
          const cp = checkpointFromChain(repo.atOrBefore(m.at)!.chain);
          walk = { cp, r: engineFromCheckpoint(cp, deps.engine) };
        }
        if (walk.cp.at !== m.at || walk.cp.seq !== m.seq) throw new Error(`the checkpoint at ${m.at} did not read back as itself`);
        const until = m.at + deps.horizonMs;
        const stored = await compressCheckpoint(JSON.stringify(countersOf(walk.r, walk.cp, until)));
        deps.transaction(() => repo.insertCounters({ at: m.at, seq: m.seq, until }, stored));
        last = m.at;
        written++;
        if (deps.yieldNow) await deps.yieldNow();
      }
    }
    return written;
  }
}

export type CountersWriter = ReturnType<typeof createCountersWriter>;
