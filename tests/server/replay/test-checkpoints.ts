/**
 * The replay tests' checkpoint spacing (3 h, a whole state every 12 h, settled at once), written up to
 * the log's end, then each checkpoint's restored counters (their due lists reaching 6 h).
 */
import type { Store } from '../../../server/db/store.js';
import type { DossierContext } from '../../../server/domain/dossier.js';
import type { ScopeKey } from '../../../server/metrics/types.js';
import { createCheckpointWriter } from '../../../server/replay/checkpoint-writer.js';
import { createCountersWriter } from '../../../server/replay/counters-writer.js';

const HOUR = 3_600_000;

export async function writeTestCheckpoints(
  store: Store,
  ctx: DossierContext,
  counters?: { scopeOf: (code: string) => ScopeKey | null; scopes: ScopeKey[] },
): Promise<void> {
  const writer = createCheckpointWriter({
    repo: store.replay,
    ctx,
    transaction: (fn) => store.transaction(fn),
    everyMs: 3 * HOUR,
    wholeEveryMs: 12 * HOUR,
    settleMs: 0,
    sliceItems: 50,
  });
  await writer.catchUp();
  if (counters === undefined) return;
  await createCountersWriter({
    repo: store.replay,
    engine: { ...ctx, ...counters },
    transaction: (fn) => store.transaction(fn),
    horizonMs: 6 * HOUR,
  }).catchUp();
}
