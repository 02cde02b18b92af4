/** The replay tests' checkpoint spacing (3 h, a whole state every 12 h, settled at once), written up to the log's end. */
import type { Store } from '../../../server/db/store.js';
import type { DossierContext } from '../../../server/domain/dossier.js';
import { createCheckpointWriter } from '../../../server/replay/checkpoint-writer.js';

const HOUR = 3_600_000;

export async function writeTestCheckpoints(store: Store, ctx: DossierContext): Promise<void> {
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
}
