/**
 * The one writer path on the asynchronous write store (issue 17, slice 1: PostgreSQL): validate; read
 * the batch's ids' payloads and its items' logged events from the store; decide and fold in memory
 * (decide-batch.ts, the rules of service.ts); log the outcome in one transaction (appendDecided: under
 * the source's advisory lock, so a duplicate another node logged meanwhile cannot slip in — the batch
 * that lost that race is read and decided again); then publish to the metrics engine (onApplied) as
 * the synchronous path does. One batch at a time per node, in arrival order.
 *
 * The latest states live here, bounded (ItemStates): an item not held is folded from its logged events,
 * so the log stays the truth across restarts. This node is the one that ingests (NODE_ROLE=ingest):
 * another writer of the same items would leave the states held here behind.
 */
import type { DossierContext } from '../domain/dossier.js';
import type { DossierState, TaskState } from '../domain/types.js';
import type { SourceRow } from '../db/sources-repo.js';
import type { WriteStore } from '../db/write-store/contract.js';
import type { ClockSkewTracker } from '../metrics/clock-skew.js';
import { HttpError } from '../errors.js';
import { decideBatch, itemIdsOf, lateItems, NeedsItemLog, type DecidedBatch } from './decide-batch.js';
import { createBatchReader } from './batch-reads.js';
import type { AppliedChanges, EventResult, IngestOptions } from './service.js';
import { validateEvent, type IngestKind, type Validated } from './validate.js';
import { ItemStates } from './item-states.js';

export interface AsyncIngestDeps {
  write: WriteStore;
  domain: DossierContext;
  now: () => number;
  isKnownCode(code: string): boolean;
  jurisdictionName: string;
  /** Called after the batch's transaction committed, with every changed item (before → after). */
  onApplied(changes: AppliedChanges): void;
  clockSkew?: Pick<ClockSkewTracker, 'window'>;
  /** Every answered batch (the operating figures), DVCQG's included. */
  onBatch?(kind: IngestKind, results: readonly EventResult[]): void;
  /** How many times a batch is decided again after losing a race to another node (default 5). */
  maxAttempts?: number;
}

/** The un-queued operations, for a caller already holding the node's turn (exclusive). */
export interface IngestTurn {
  ingest(source: SourceRow, kind: IngestKind, rawEvents: unknown[], opts?: IngestOptions): Promise<EventResult[]>;
  /** Reads the states of these dossiers into memory, so that `dossier` answers them. */
  loadDossiers(ids: readonly string[]): Promise<void>;
  /** A dossier's latest state held in memory (null: none, or not loaded). */
  dossier(id: string): DossierState | null;
}

/** See the module's comment. */
export function createAsyncIngestService(deps: AsyncIngestDeps) {
  const dossiers = new ItemStates<DossierState>();
  const tasks = new ItemStates<TaskState>();
  const reader = createBatchReader({ write: deps.write, domain: deps.domain, dossiers, tasks });
  let turn: Promise<unknown> = Promise.resolve();

  /** Runs `fn` when every earlier batch is done: one batch (or DVCQG sync) at a time on this node. */
  function exclusive<T>(fn: (t: IngestTurn) => Promise<T>): Promise<T> {
    const run = turn.then(() => fn(unqueued));
    turn = run.catch(() => {});
    return run;
  }

  /** Reads, decides (again for a late event whose log was not read), logs; null: another node won the race. */
  async function attempt(source: SourceRow, kind: IngestKind, raw: unknown[], validated: Validated[], opts: IngestOptions, now: number) {
    const ids = validated.flatMap((v) => (v.ok ? [v.event.id] : []));
    const itemIds = itemIdsOf(kind, raw);
    const held = kind === 'dossier' ? dossiers : tasks;
    const logs = lateItems(validated, new Map(itemIds.filter((id) => held.has(id)).map((id) => [id, held.get(id)!])));
    for (;;) {
      const reads = await reader.read(source.id, kind, ids, itemIds, logs);
      let decided: DecidedBatch;
      try {
        decided = decideBatch({ kind, rawEvents: raw, validated, units: source.units ?? null, domain: deps.domain }, reads);
      } catch (err) {
        if (!(err instanceof NeedsItemLog) || logs.has(err.itemId)) throw err;
        logs.add(err.itemId);
        continue;
      }
      const refused = opts.replay ? [] : decided.refused;
      if (decided.fresh.length === 0 && refused.length === 0) return { decided, seqs: [] as number[] };
      const seqs = await deps.write.appendDecided({ sourceId: source.id, kind, receivedAt: now, events: decided.fresh, refused });
      return seqs && { decided, seqs };
    }
  }

  async function ingestNow(source: SourceRow, kind: IngestKind, raw: unknown[], opts: IngestOptions = {}): Promise<EventResult[]> {
    const now = deps.now();
    const vctx = { now, isKnownCode: deps.isKnownCode, jurisdictionName: deps.jurisdictionName };
    const validated = raw.map((r) => validateEvent(kind, r, vctx));
    const maxAttempts = deps.maxAttempts ?? 5;
    for (let n = 1; n <= maxAttempts; n++) {
      const done = await attempt(source, kind, raw, validated, opts, now);
      if (done) {
        publish(deps, { dossiers, tasks }, source, done.decided, done.seqs, now);
        deps.onBatch?.(kind, done.decided.results);
        return done.decided.results;
      }
    }
    throw new HttpError(
      503,
      'unavailable',
      `source "${source.name}": ${maxAttempts} attempts to log this batch each met events another node logged meanwhile; send it again`,
      { 'Retry-After': '1' },
    );
  }

  const dossier = (id: string): DossierState | null => dossiers.get(id) ?? null;
  const unqueued: IngestTurn = { ingest: ingestNow, loadDossiers: reader.loadDossiers, dossier };

  return {
    engine: deps.write.engine,
    /** Validates, decides and logs a batch after every earlier one; answers one result per event, in order. */
    ingest: (source: SourceRow, kind: IngestKind, raw: unknown[], opts?: IngestOptions) =>
      exclusive((t) => t.ingest(source, kind, raw, opts)),
    exclusive,
    dossier,
    task: (id: string): TaskState | null => tasks.get(id) ?? null,
  };
}

export type AsyncIngestService = ReturnType<typeof createAsyncIngestService>;

/** Committed: the new states become the latest held, the metrics engine is told. */
function publish(
  deps: AsyncIngestDeps,
  held: { dossiers: ItemStates<DossierState>; tasks: ItemStates<TaskState> },
  source: SourceRow,
  d: DecidedBatch,
  seqs: number[],
  now: number,
): void {
  const skew = deps.clockSkew?.window(source.id);
  for (const at of d.acceptedAts) skew?.push(now - at, now);
  for (const [id, s] of d.dossierNext) held.dossiers.set(id, s);
  for (const [id, s] of d.taskNext) held.tasks.set(id, s);
  if (!d.dossierNext.size && !d.taskNext.size) return;
  deps.onApplied({
    dossiers: [...d.dossierNext].map(([id, next]) => ({ prev: d.dossierPrev.get(id) ?? null, next })),
    tasks: [...d.taskNext].map(([id, next]) => ({ prev: d.taskPrev.get(id) ?? null, next })),
    history: false,
    firstSeq: seqs[0] ?? 0,
    lastSeq: seqs[seqs.length - 1] ?? 0,
    receivedAt: now,
  });
}
